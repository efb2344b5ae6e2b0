package io.bigfs.chunkserver;

import io.bigfs.common.cli.ServerOptions;
import io.bigfs.common.config.ConfigKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bfs chunkserver --conf chunkserver.properties}: runs one chunkserver. */
@Command(name = "chunkserver", mixinStandardHelpOptions = true,
    description = "Run one chunkserver: stores chunks and serves them to clients.")
public final class ChunkserverMain implements Callable<Integer> {
  @Mixin
  ServerOptions server;

  @Option(names = "--masters", description = "The masters, host:port comma separated (overrides chunkserver.masters).")
  String masters;

  @Option(names = "--data-dirs", description = "Data directories, comma separated (overrides chunkserver.data.dirs).")
  String dataDirs;

  @Option(names = "--port", description = "Data port (overrides chunkserver.port).")
  Integer port;

  @Option(names = "--http-port", description = "Port for /metrics, /health, /ready (overrides chunkserver.http.port).")
  Integer httpPort;

  @Override
  public Integer call() {
    Map<ConfigKey<?>, Object> flags = new HashMap<>();
    flags.put(ChunkserverConfig.MASTERS, masters);
    flags.put(ChunkserverConfig.DATA_DIRS, dataDirs);
    flags.put(ChunkserverConfig.PORT, port);
    flags.put(ChunkserverConfig.HTTP_PORT, httpPort);
    return server.run("chunkserver", ChunkserverConfig.KEYS, flags, ChunkserverConfig::from, ChunkServer::start);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ChunkserverMain()).execute(args));
  }
}
