package io.bigfs.common.cli;

import io.bigfs.common.config.Config;
import io.bigfs.common.config.ConfigKey;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The options every server's command line has: a config file, -D overrides, --help-config. */
public final class ServerOptions {
  @Option(names = "--conf", description = "Configuration file (properties).")
  Path conf;

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Set any configuration key.")
  Map<String, String> settings = new HashMap<>();

  @Option(names = "--help-config", description = "List every configuration key with its default.")
  boolean helpConfig;

  /**
   * Runs the server named {@code name}: or, with --help-config, lists {@code keys}. Flags given
   * as {@code flags} (key -> value, null when not given) override the file; -D overrides both.
   */
  public <C> int run(String name, List<ConfigKey<?>> keys, Map<ConfigKey<?>, Object> flags,
                     ServerMain.Parser<C> parser, ServerMain.Starter<C> starter) {
    if (helpConfig) {
      System.out.print(Config.describe(keys));
      return ServerMain.EXIT_OK;
    }
    Map<String, String> overrides = new HashMap<>();
    flags.forEach((key, value) -> {
      if (value != null) {
        overrides.put(key.name(), value.toString());
      }
    });
    overrides.putAll(settings);
    return ServerMain.run(name, conf, overrides, parser, starter, System.err);
  }
}
