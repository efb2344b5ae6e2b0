package io.bigfs.shell.local;

/**
 * One process of the local cluster and the ports it was given once, for good.
 *
 * @param port     a master's client RPC port, or a chunkserver's data port
 * @param raftPort a master's Raft port (0 for a chunkserver)
 * @param httpPort /metrics, /health and /ready
 */
record LocalNode(String name, Kind kind, int port, int raftPort, int httpPort) {
  static final String HOST = "127.0.0.1";

  /** What a node runs. */
  enum Kind {
    MASTER("m", "io.bigfs.master.MasterMain"),
    CHUNKSERVER("cs", "io.bigfs.chunkserver.ChunkserverMain");

    final String prefix;
    final String mainClass;

    Kind(String prefix, String mainClass) {
      this.prefix = prefix;
      this.mainClass = mainClass;
    }
  }

  String address() {
    return HOST + ":" + port;
  }

  String raftAddress() {
    return kind == Kind.MASTER ? HOST + ":" + raftPort : "-";
  }

  String metricsUrl() {
    return "http://" + HOST + ":" + httpPort + "/metrics";
  }

  /** "m1=127.0.0.1:RPC:RAFT", as master.peers lists a master. */
  String peerEntry() {
    return name + "=" + HOST + ":" + port + ":" + raftPort;
  }
}
