package io.bigfs.master;

import io.bigfs.common.cli.ServerOptions;
import io.bigfs.common.config.ConfigKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bfs master --id m1 --conf master.properties}: runs one of the three masters. */
@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run one master: a Raft peer keeping the namespace and chunk map.")
public final class MasterMain implements Callable<Integer> {
  @Mixin
  ServerOptions server;

  @Option(names = "--id", description = "This master's id (overrides master.id).")
  String id;

  @Option(names = "--data-dir", description = "Data directory (overrides master.data.dir).")
  Path dataDir;

  @Option(names = "--http-port", description = "Port for /metrics, /health, /ready (overrides master.http.port).")
  Integer httpPort;

  @Override
  public Integer call() {
    Map<ConfigKey<?>, Object> flags = new HashMap<>();
    flags.put(MasterConfig.ID, id);
    flags.put(MasterConfig.DATA_DIR, dataDir);
    flags.put(MasterConfig.HTTP_PORT, httpPort);
    return server.run("master", MasterConfig.KEYS, flags, MasterConfig::from, MasterServer::start);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new MasterMain()).execute(args));
  }
}
