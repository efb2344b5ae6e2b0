package io.bigfs.shell.local;

import java.util.List;

/**
 * The configuration file of one local node. Written once, when the node is first created, so a
 * person may edit it afterwards; {@code bfs master --help-config} lists every key.
 */
final class NodeConfigs {
  private NodeConfigs() {}

  static String of(LocalCluster cluster, LocalNode n) {
    StringBuilder s = new StringBuilder("# Written by 'bfs local start'; every key: bfs ")
        .append(n.kind() == LocalNode.Kind.MASTER ? "master" : "chunkserver").append(" --help-config\n");
    if (n.kind() == LocalNode.Kind.MASTER) {
      List<String> peers = cluster.of(LocalNode.Kind.MASTER).stream().map(LocalNode::peerEntry).toList();
      line(s, "master.id", n.name());
      line(s, "master.peers", String.join(",", peers));
      line(s, "master.data.dir", cluster.data(n).toAbsolutePath().toString());
      line(s, "master.http.host", LocalNode.HOST);
      line(s, "master.http.port", Integer.toString(n.httpPort()));
    } else {
      line(s, "chunkserver.data.dirs", cluster.data(n).toAbsolutePath().toString());
      line(s, "chunkserver.masters", cluster.masterAddresses());
      line(s, "chunkserver.host", LocalNode.HOST);
      line(s, "chunkserver.port", Integer.toString(n.port()));
      line(s, "chunkserver.http.host", LocalNode.HOST);
      line(s, "chunkserver.http.port", Integer.toString(n.httpPort()));
      // Frequent heartbeats: on a laptop a node shows up LIVE within a second of starting.
      line(s, "chunkserver.heartbeat.interval.ms", "1000");
    }
    return s.toString();
  }

  /** A properties line; values here are paths and numbers, so only backslashes need escaping. */
  private static void line(StringBuilder s, String key, String value) {
    s.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n');
  }
}
