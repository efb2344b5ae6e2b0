package io.bigfs.bench.chaos;

/**
 * One fault of a schedule: what, on which node, when (milliseconds after the workload started)
 * and for how long before it is healed. A master target of {@code leader} or {@code follower}
 * is resolved when the fault strikes; a chunk is picked among the node's files by {@code pick}.
 */
record Fault(long atMs, Kind kind, String target, long holdMs, int pick) {

  /** The kinds of fault, each with how it is healed. */
  enum Kind {
    /** SIGKILL a master, restart it after the hold. */
    KILL_MASTER,
    /** SIGKILL a chunkserver, restart it after the hold. */
    KILL_CHUNKSERVER,
    /** SIGSTOP any node for the hold (a long GC pause, a frozen VM), then SIGCONT. */
    PAUSE,
    /** Flip bytes in a chunk file on a chunkserver's disk; the scrubber or a reader must notice. */
    CORRUPT_CHUNK,
    /** Cut a chunk file short on disk. */
    TRUNCATE_CHUNK,
    /** Fill a chunkserver's disk to the last byte (a file system of its own), free it after the hold. */
    DISK_FULL,
    /** SIGKILL a master, delete its data folder, restart it empty: it catches up from the others. */
    WIPE_MASTER
  }

  @Override
  public String toString() {
    return String.format("+%6.1fs %-16s %-8s hold %4.1fs", atMs / 1000.0, kind, target, holdMs / 1000.0)
        + (kind == Kind.CORRUPT_CHUNK || kind == Kind.TRUNCATE_CHUNK ? " pick " + pick : "");
  }
}
