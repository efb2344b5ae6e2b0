package io.bigfs.master.store;

import java.nio.charset.StandardCharsets;

/** The column families of the master's RocksDB, with what each holds. */
public enum Cf {
  /** (parent inode id, name) -> InodeRecord: the directory table, attributes included. */
  INODES("inodes"),
  /** inode id -> (parent inode id, name): finds a file's path from its id (leases, chunk reports). */
  PARENTS("parents"),
  /** (inode id, chunk index) -> ChunkRecord: the chunk list of every file. */
  FILES("files"),
  /** chunk id -> (inode id, chunk index): who owns a chunk a chunkserver reports. */
  CHUNKS("chunks"),
  /** holder -> last renewal time; (holder, inode id) -> empty for each file it writes. */
  LEASES("leases"),
  /** chunk id -> deletion time: chunks of deleted files whose replicas are still to be removed. */
  DELETED("deleted"),
  /** chunkserver uuid -> NodeRecord. */
  NODES("nodes"),
  /** (client id, call id) -> RetryRecord: first results, so that retries apply once. */
  RETRY("retry"),
  /** (time, client id, call id) -> empty: the retry records in age order, for expiry. */
  RETRY_BY_TIME("retry_by_time"),
  /** Counters and the last applied Raft term and index. */
  META("meta");

  private final byte[] nameBytes;

  Cf(String name) {
    this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
  }

  byte[] nameBytes() {
    return nameBytes;
  }
}
