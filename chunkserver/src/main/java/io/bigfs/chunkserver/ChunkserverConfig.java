package io.bigfs.chunkserver;

import io.bigfs.common.BfsException;
import io.bigfs.common.config.Config;
import io.bigfs.common.config.ConfigKey;
import io.bigfs.common.rpc.Addresses;
import io.bigfs.common.security.SecurityConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Everything a chunkserver is configured with, read and checked once at start. */
public record ChunkserverConfig(
    List<Path> dataDirs,
    List<String> masters,
    String host,
    int port,
    String rack,
    String httpHost,
    int httpPort,
    long heartbeatIntervalMs,
    long blockReportIntervalMs,
    double maxFullness,
    long scrubBytesPerSecond,
    long scrubPauseMs,
    long capacityBytes,
    boolean directIo,
    SecurityConfig security) {

  public static final ConfigKey<String> DATA_DIRS = ConfigKey.string("chunkserver.data.dirs", "",
      "Comma-separated directories for chunk files, ideally one per disk.");
  public static final ConfigKey<String> MASTERS = ConfigKey.string("chunkserver.masters", "",
      "The masters' client addresses, host:port comma separated (all three).");
  public static final ConfigKey<String> HOST = ConfigKey.string("chunkserver.host", "127.0.0.1",
      "Address the data endpoint binds to and advertises to clients.");
  public static final ConfigKey<Integer> PORT = ConfigKey.integer("chunkserver.port", 0,
      "Port of the data endpoint; 0 picks a free port (fine for tests, not for a real cluster).");
  public static final ConfigKey<String> RACK = ConfigKey.string("chunkserver.rack", "",
      "Rack name; replicas of a chunk go to distinct racks while there are enough.");
  public static final ConfigKey<String> HTTP_HOST = ConfigKey.string("chunkserver.http.host", "127.0.0.1",
      "Address the /metrics, /health and /ready endpoint binds to.");
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("chunkserver.http.port", 0,
      "Port of the /metrics, /health and /ready endpoint; 0 picks a free port.");
  public static final ConfigKey<Long> HEARTBEAT = ConfigKey.longKey("chunkserver.heartbeat.interval.ms", 3000,
      "Time between heartbeats to each master. Keep it well below master.node.dead.after.ms.");
  public static final ConfigKey<Long> BLOCK_REPORT = ConfigKey.longKey("chunkserver.block.report.interval.ms",
      3_600_000, "Time between full block reports to each master (one is also sent at start).");
  public static final ConfigKey<Double> MAX_FULLNESS = ConfigKey.decimal("chunkserver.max.fullness", 0.95,
      "Fraction of disk use past which the node refuses new chunks.");

  public static final ConfigKey<Long> SCRUB_RATE = ConfigKey.size("chunkserver.scrub.bytes.per.second", 8 * 1024 * 1024,
      "How fast the scrubber re-reads replicas to find silent corruption (accepts k, m, g).");
  public static final ConfigKey<Long> SCRUB_PAUSE = ConfigKey.longKey("chunkserver.scrub.pause.ms", 6 * 3600 * 1000L,
      "Pause between two scrub passes over all replicas.");

  public static final ConfigKey<Long> CAPACITY = ConfigKey.size("chunkserver.capacity", 0,
      "Bytes BigFS may store on this node (accepts k, m, g, t); 0 for all of its disks. Fullness and\n"
          + "rebalancing then count only replicas against it.");

  public static final ConfigKey<Boolean> DIRECT_IO = ConfigKey.bool("chunkserver.direct.io", true,
      "Write the whole blocks of replicas, and read ranges of 1 MiB or more of finished ones, past the\n"
          + "page cache (O_DIRECT), sparing the CPU a copy through the cache; smaller reads still use it,\n"
          + "and file systems that refuse O_DIRECT (tmpfs) are used through the cache regardless.");

  public static final List<ConfigKey<?>> KEYS = Stream.concat(Stream.of(DATA_DIRS, MASTERS, HOST, PORT, RACK,
      HTTP_HOST, HTTP_PORT, HEARTBEAT, BLOCK_REPORT, MAX_FULLNESS, SCRUB_RATE, SCRUB_PAUSE, CAPACITY, DIRECT_IO),
      SecurityConfig.KEYS.stream()).collect(Collectors.toUnmodifiableList());

  public static ChunkserverConfig from(Config c) {
    c.rejectUnknown(KEYS);
    String dirs = c.get(DATA_DIRS);
    if (dirs.isBlank()) {
      throw new IllegalArgumentException(DATA_DIRS.name() + " is required");
    }
    List<String> masters;
    try {
      masters = Addresses.parseList(c.get(MASTERS));
    } catch (BfsException e) {
      throw new IllegalArgumentException(MASTERS.name() + ": " + e.getMessage());
    }
    ChunkserverConfig config = new ChunkserverConfig(
        Arrays.stream(dirs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList(),
        masters, c.get(HOST), c.get(PORT), c.get(RACK), c.get(HTTP_HOST), c.get(HTTP_PORT), c.get(HEARTBEAT),
        c.get(BLOCK_REPORT), c.get(MAX_FULLNESS), c.get(SCRUB_RATE), c.get(SCRUB_PAUSE), c.get(CAPACITY),
        c.get(DIRECT_IO), SecurityConfig.from(c));
    if (config.heartbeatIntervalMs <= 0 || config.blockReportIntervalMs <= 0) {
      throw new IllegalArgumentException("heartbeat and block report intervals must be positive");
    }
    if (config.scrubBytesPerSecond <= 0 || config.scrubPauseMs < 0) {
      throw new IllegalArgumentException(SCRUB_RATE.name() + " must be positive, " + SCRUB_PAUSE.name()
          + " not negative");
    }
    if (config.maxFullness <= 0 || config.maxFullness > 1) {
      throw new IllegalArgumentException(MAX_FULLNESS.name() + " must be in (0, 1]");
    }
    return config;
  }
}
