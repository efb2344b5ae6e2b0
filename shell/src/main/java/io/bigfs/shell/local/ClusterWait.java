package io.bigfs.shell.local;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsClientConfig;
import io.bigfs.client.NodeReport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits until nodes can serve: each answers 200 on /ready, and the leader master lists each
 * chunkserver as LIVE (a chunkserver is ready once registered, but only a heartbeat to the
 * current leader makes it usable). A node that exits meanwhile fails the wait at once, with
 * the end of its log.
 */
final class ClusterWait {
  private ClusterWait() {}

  static void awaitReady(LocalCluster cluster, NodeProcesses processes, List<LocalNode> nodes, Duration timeout)
      throws IOException {
    BfsClientConfig config = BfsClientConfig.of(cluster.masterAddresses()).withMaxRetryMs(1_000)
        .withRpcTimeoutMs(2_000);
    try (BfsClient client = BfsClient.connect(config)) {
      Readiness.await(timeout, () -> {
        for (LocalNode n : nodes) {
          if (processes.running(n).isEmpty()) {
            throw new IOException(n.name() + " exited while starting; the end of " + cluster.log(n) + ":\n"
                + processes.logTail(n));
          }
          if (!Readiness.ready(n)) {
            return n.name() + " does not answer /ready on port " + n.httpPort();
          }
        }
        return notLive(client, nodes);
      });
    }
  }

  /** The first chunkserver the leader does not see as LIVE, or null. */
  private static String notLive(BfsClient client, List<LocalNode> nodes) {
    List<NodeReport> reports;
    try {
      reports = client.nodes();
    } catch (IOException | RuntimeException e) {
      return "the masters answer no 'admin nodes' yet (" + e.getMessage() + ")";
    }
    Set<String> live = reports.stream().filter(r -> "LIVE".equals(r.state())).map(NodeReport::address)
        .collect(Collectors.toSet());
    return nodes.stream().filter(n -> n.kind() == LocalNode.Kind.CHUNKSERVER && !live.contains(n.address()))
        .map(n -> n.name() + " is not LIVE at the leader").findFirst().orElse(null);
  }
}
