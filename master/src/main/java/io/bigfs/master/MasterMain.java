package io.bigfs.master;

import io.bigfs.common.cli.ServerMain;
import io.bigfs.common.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bfs master --id m1 --conf master.properties}: runs one of the three masters. */
@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run one master: a Raft peer keeping the namespace and chunk map.")
public final class MasterMain implements Callable<Integer> {
  @Option(names = "--id", description = "This master's id (overrides master.id).")
  String id;

  @Option(names = "--conf", description = "Configuration file (properties).")
  Path conf;

  @Option(names = "--data-dir", description = "Data directory (overrides master.data.dir).")
  Path dataDir;

  @Option(names = "--http-port", description = "Port for /metrics, /health, /ready (overrides master.http.port).")
  Integer httpPort;

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Set any configuration key.")
  Map<String, String> settings = new HashMap<>();

  @Option(names = "--help-config", description = "List every configuration key with its default.")
  boolean helpConfig;

  @Override
  public Integer call() {
    if (helpConfig) {
      System.out.print(Config.describe(MasterConfig.KEYS));
      return ServerMain.EXIT_OK;
    }
    Map<String, String> overrides = new HashMap<>(settings);
    if (id != null) {
      overrides.put(MasterConfig.ID.name(), id);
    }
    if (dataDir != null) {
      overrides.put(MasterConfig.DATA_DIR.name(), dataDir.toString());
    }
    if (httpPort != null) {
      overrides.put(MasterConfig.HTTP_PORT.name(), httpPort.toString());
    }
    return ServerMain.run("master", conf, overrides, MasterConfig::from, MasterServer::start, System.err);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new MasterMain()).execute(args));
  }
}
