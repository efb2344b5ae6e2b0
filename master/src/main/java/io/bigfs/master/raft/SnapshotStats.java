package io.bigfs.master.raft;

/**
 * The newest snapshot of a master, for metrics.
 *
 * @param takenMs when it was taken here or installed from the leader, milliseconds since the epoch
 * @param bytes   the size of its files, the RocksDB checkpoint a lagging follower is sent
 */
public record SnapshotStats(long index, long takenMs, long bytes) {}
