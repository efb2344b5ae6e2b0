package io.bigfs.chunkserver;

import io.bigfs.common.cli.ServerMain;
import io.bigfs.common.config.Config;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bfs chunkserver --conf chunkserver.properties}: runs one chunkserver. */
@Command(name = "chunkserver", mixinStandardHelpOptions = true,
    description = "Run one chunkserver: stores chunks and serves them to clients.")
public final class ChunkserverMain implements Callable<Integer> {
  @Option(names = "--conf", description = "Configuration file (properties).")
  Path conf;

  @Option(names = "--masters", description = "The masters, host:port comma separated (overrides chunkserver.masters).")
  String masters;

  @Option(names = "--data-dirs", description = "Data directories, comma separated (overrides chunkserver.data.dirs).")
  String dataDirs;

  @Option(names = "--port", description = "Data port (overrides chunkserver.port).")
  Integer port;

  @Option(names = "--http-port", description = "Port for /metrics, /health, /ready (overrides chunkserver.http.port).")
  Integer httpPort;

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Set any configuration key.")
  Map<String, String> settings = new HashMap<>();

  @Option(names = "--help-config", description = "List every configuration key with its default.")
  boolean helpConfig;

  @Override
  public Integer call() {
    if (helpConfig) {
      System.out.print(Config.describe(ChunkserverConfig.KEYS));
      return ServerMain.EXIT_OK;
    }
    Map<String, String> overrides = new HashMap<>(settings);
    putIfSet(overrides, ChunkserverConfig.MASTERS.name(), masters);
    putIfSet(overrides, ChunkserverConfig.DATA_DIRS.name(), dataDirs);
    putIfSet(overrides, ChunkserverConfig.PORT.name(), port);
    putIfSet(overrides, ChunkserverConfig.HTTP_PORT.name(), httpPort);
    return ServerMain.run("chunkserver", conf, overrides, ChunkserverConfig::from, ChunkServer::start, System.err);
  }

  private static void putIfSet(Map<String, String> map, String key, Object value) {
    if (value != null) {
      map.put(key, value.toString());
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ChunkserverMain()).execute(args));
  }
}
