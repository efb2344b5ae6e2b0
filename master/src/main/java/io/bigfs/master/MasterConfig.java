package io.bigfs.master;

import io.bigfs.common.BfsException;
import io.bigfs.common.config.Config;
import io.bigfs.common.config.ConfigKey;
import io.bigfs.common.config.Sizes;
import io.bigfs.common.security.SecurityConfig;
import io.bigfs.master.access.PermissionConfig;
import io.bigfs.master.namespace.Limits;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything a master is configured with, read and checked once at start. Each key is declared
 * below with its default and meaning; {@code bfs master --help-config} prints them.
 */
public record MasterConfig(
    String id,
    List<MasterPeer> peers,
    String clusterName,
    Path dataDir,
    String httpHost,
    int httpPort,
    int defaultReplication,
    long defaultChunkSize,
    PermissionConfig permissions,
    long electionTimeoutMinMs,
    long electionTimeoutMaxMs,
    long snapshotThreshold,
    long purgeGap,
    long segmentSizeBytes,
    int batchMaxCommands,
    int batchMaxInFlight,
    long deadAfterMs,
    long leaseExpiryMs,
    long rocksdbCacheBytes,
    long replicationIntervalMs,
    int replicationStreamsPerNode,
    boolean linearizableReads,
    SecurityConfig security) {

  public static final ConfigKey<String> ID = ConfigKey.string("master.id", "",
      "This master's id; one of the ids in master.peers.");
  public static final ConfigKey<String> PEERS = ConfigKey.string("master.peers", "",
      "All three masters as id=host:rpcPort:raftPort, comma separated. Clients and chunkservers\n"
          + "use host:rpcPort; the masters replicate among themselves over host:raftPort.");
  public static final ConfigKey<String> CLUSTER = ConfigKey.string("cluster.name", "bigfs",
      "Name of the cluster; it names the Raft group, so all masters must agree on it.");
  public static final ConfigKey<String> DATA_DIR = ConfigKey.string("master.data.dir", "",
      "Directory for the Raft log, snapshots and the RocksDB namespace store.");
  public static final ConfigKey<String> HTTP_HOST = ConfigKey.string("master.http.host", "127.0.0.1",
      "Address the /metrics, /health and /ready endpoint binds to.");
  public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("master.http.port", 0,
      "Port of the /metrics, /health and /ready endpoint; 0 picks a free port.");
  public static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("master.default.replication", 3,
      "Replication factor of files created without one.");
  public static final ConfigKey<Long> CHUNK_SIZE = ConfigKey.size("master.default.chunk.size", 64 * Sizes.MIB,
      "Chunk size of files created without one (accepts k, m, g suffixes).");
  public static final ConfigKey<String> SUPERUSER = ConfigKey.string("master.superuser", "",
      "The superuser: passes every permission check and owns the root directory of a new\n"
          + "cluster. Empty: the user that runs the master.");
  public static final ConfigKey<String> SUPERGROUP = ConfigKey.string("security.supergroup", "supergroup",
      "Members of this group (see security.groups.file) are superusers too.");
  public static final ConfigKey<Boolean> PERMISSIONS = ConfigKey.bool("security.permissions.enabled", true,
      "Check permissions (owner, group, mode bits) on every namespace request; false lets every\n"
          + "request through, as HDFS's dfs.permissions.enabled.");
  public static final ConfigKey<String> GROUPS_FILE = ConfigKey.string("security.groups.file", "",
      "Users' groups, one 'user = group, group' a line, read at start. Empty: every user is in\n"
          + "no group. Membership is the master's to know: a client cannot declare its groups.");
  public static final ConfigKey<String> AUDIT_LOG = ConfigKey.string("security.audit.log", "",
      "File the master appends its audit log to: the namespace mutations it handles as leader and\n"
          + "every permission denial, one line each. Empty: audit.log in master.data.dir.");
  public static final ConfigKey<Long> ELECTION_MIN = ConfigKey.longKey("master.raft.election.timeout.min.ms", 1000,
      "Shortest Raft election timeout. JVM pauses longer than this cause needless elections.");
  public static final ConfigKey<Long> ELECTION_MAX = ConfigKey.longKey("master.raft.election.timeout.max.ms", 2000,
      "Longest Raft election timeout.");
  public static final ConfigKey<Long> SNAPSHOT_THRESHOLD = ConfigKey.longKey("master.raft.snapshot.threshold", 20000,
      "Raft entries between automatic snapshots (each entry is a batch of operations).");
  public static final ConfigKey<Long> PURGE_GAP = ConfigKey.longKey("master.raft.purge.gap", 1024,
      "Raft log entries kept behind a snapshot before the log is purged.");
  public static final ConfigKey<Long> SEGMENT_SIZE = ConfigKey.size("master.raft.segment.size", 8 * Sizes.MIB,
      "Size of one Raft log segment file. Ratis caches the open segment's entries on the heap.");
  public static final ConfigKey<Integer> BATCH_MAX = ConfigKey.integer("master.batch.max.commands", 512,
      "Most namespace operations carried by one Raft entry.");
  public static final ConfigKey<Integer> BATCH_IN_FLIGHT = ConfigKey.integer("master.batch.max.inflight", 1,
      "Raft entries the leader keeps in flight; operations arriving meanwhile wait and go in the next one.");
  public static final ConfigKey<Long> DEAD_AFTER = ConfigKey.longKey("master.node.dead.after.ms", 10_000,
      "A chunkserver silent for this long is dead: no new chunks go to it, its replicas are not offered.");
  public static final ConfigKey<Long> LEASE_EXPIRY = ConfigKey.longKey("master.lease.expiry.ms", 60_000,
      "A writer that has not renewed its lease for this long loses it; its files are recovered and closed.");
  public static final ConfigKey<Long> ROCKSDB_CACHE = ConfigKey.size("master.rocksdb.cache.size", 64 * Sizes.MIB,
      "RocksDB block cache of the namespace store.");

  public static final ConfigKey<Long> REPLICATION_INTERVAL = ConfigKey.longKey("master.replication.interval.ms",
      5000, "How often the leader checks every chunk's replicas (copies, trims, decommission progress).");
  public static final ConfigKey<Integer> REPLICATION_STREAMS = ConfigKey.integer(
      "master.replication.streams.per.node", 2,
      "Replica copies (repair, decommission, rebalance) a chunkserver takes part in at once.");

  public static final ConfigKey<Boolean> LINEARIZABLE_READS = ConfigKey.bool("master.read.linearizable", true,
      "true: the leader confirms it still leads (Raft ReadIndex, spared by the leader lease while it\n"
          + "holds) before it answers a read (stat, list, locations), so a read sees every write\n"
          + "acknowledged before it. false: the leader answers from its own state at once, as an HDFS\n"
          + "NameNode does: stat about 3.5x faster on a 2-core test machine, but a leader cut off from\n"
          + "the others may answer from a stale state until it steps down (about an election timeout).");

  public static final List<ConfigKey<?>> KEYS = Stream.concat(Stream.of(ID, PEERS, CLUSTER, DATA_DIR, HTTP_HOST,
      HTTP_PORT, REPLICATION, CHUNK_SIZE, SUPERUSER, SUPERGROUP, PERMISSIONS, GROUPS_FILE, AUDIT_LOG, ELECTION_MIN,
      ELECTION_MAX, SNAPSHOT_THRESHOLD, PURGE_GAP, SEGMENT_SIZE, BATCH_MAX, BATCH_IN_FLIGHT, DEAD_AFTER, LEASE_EXPIRY,
      ROCKSDB_CACHE, REPLICATION_INTERVAL, REPLICATION_STREAMS, LINEARIZABLE_READS), SecurityConfig.KEYS.stream())
      .collect(Collectors.toUnmodifiableList());

  /** Reads and checks a master's configuration; the message of a failure names the key. */
  public static MasterConfig from(Config c) {
    c.rejectUnknown(KEYS);
    String id = require(c, ID);
    List<MasterPeer> peers = MasterPeer.parseList(require(c, PEERS));
    if (peers.stream().noneMatch(p -> p.id().equals(id))) {
      throw new IllegalArgumentException(ID.name() + "=" + id + " is not one of " + PEERS.name());
    }
    Path dataDir = Path.of(require(c, DATA_DIR));
    MasterConfig config = new MasterConfig(id, peers, c.get(CLUSTER), dataDir,
        c.get(HTTP_HOST), c.get(HTTP_PORT), c.get(REPLICATION), c.get(CHUNK_SIZE), permissions(c, dataDir),
        c.get(ELECTION_MIN), c.get(ELECTION_MAX), c.get(SNAPSHOT_THRESHOLD), c.get(PURGE_GAP),
        c.get(SEGMENT_SIZE), c.get(BATCH_MAX), c.get(BATCH_IN_FLIGHT), c.get(DEAD_AFTER), c.get(LEASE_EXPIRY),
        c.get(ROCKSDB_CACHE), c.get(REPLICATION_INTERVAL), c.get(REPLICATION_STREAMS), c.get(LINEARIZABLE_READS),
        SecurityConfig.from(c));
    config.check();
    return config;
  }

  private static PermissionConfig permissions(Config c, Path dataDir) {
    String superuser = c.get(SUPERUSER).isBlank() ? System.getProperty("user.name") : c.get(SUPERUSER).strip();
    String groups = c.get(GROUPS_FILE);
    String audit = c.get(AUDIT_LOG);
    return new PermissionConfig(c.get(PERMISSIONS), superuser, c.get(SUPERGROUP),
        groups.isBlank() ? null : Path.of(groups), audit.isBlank() ? dataDir.resolve("audit.log") : Path.of(audit));
  }

  private void check() {
    positive(ELECTION_MIN, electionTimeoutMinMs);
    if (electionTimeoutMaxMs <= electionTimeoutMinMs) {
      throw new IllegalArgumentException(ELECTION_MAX.name() + " must exceed " + ELECTION_MIN.name());
    }
    positive(REPLICATION, defaultReplication);
    positive(SNAPSHOT_THRESHOLD, snapshotThreshold);
    positive(BATCH_MAX, batchMaxCommands);
    positive(BATCH_IN_FLIGHT, batchMaxInFlight);
    positive(DEAD_AFTER, deadAfterMs);
    positive(LEASE_EXPIRY, leaseExpiryMs);
    positive(REPLICATION_INTERVAL, replicationIntervalMs);
    positive(REPLICATION_STREAMS, replicationStreamsPerNode);
    if (purgeGap < 1) {
      throw new IllegalArgumentException(PURGE_GAP.name() + " must be at least 1");
    }
    principalName(SUPERUSER, permissions.superuser());
    principalName(SUPERGROUP, permissions.supergroup());
  }

  private static void principalName(ConfigKey<?> key, String name) {
    try {
      Limits.principal(key.name(), name);
    } catch (BfsException e) {
      throw new IllegalArgumentException(key.name() + ": " + e.getMessage());
    }
  }

  private static void positive(ConfigKey<?> key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key.name() + " must be positive, got " + value);
    }
  }

  private static String require(Config c, ConfigKey<String> key) {
    String value = c.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key.name() + " is required");
    }
    return value;
  }

  public MasterPeer self() {
    return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  public String clientAddresses() {
    return MasterPeer.rpcAddresses(peers);
  }
}
