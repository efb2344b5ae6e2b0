package io.bigfs.it.heal;

import io.bigfs.chunkserver.ChunkserverConfig;
import io.bigfs.client.BfsClient;
import io.bigfs.client.NodeReport;
import io.bigfs.testing.ClusterMetrics;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** New empty nodes join; rebalancing evens out the share of capacity each node holds. */
class RebalanceTest {
  static final long CAPACITY = 8L * 1024 * 1024;
  MiniCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void rebalancingEvensOutDiskUseWithoutLosingAReplica() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).chunkserver(ChunkserverConfig.CAPACITY.name(), CAPACITY).start();
    BfsClient fs = cluster.newClient();
    Map<String, byte[]> files = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      files.put("/bal/f" + i, Replicas.write(fs, "/bal/f" + i, 4 * Replicas.CHUNK, i));
    }
    List<String> paths = new ArrayList<>(files.keySet());
    cluster.addChunkserver();
    cluster.addChunkserver();
    Wait.until("all five nodes to report", Duration.ofSeconds(20), () -> live(fs).size() == 5);
    double before = spread(live(fs));
    assertThat(before).isGreaterThan(10);

    AtomicReference<String> last = new AtomicReference<>("no round yet");
    try {
      Wait.until("use to even out", Duration.ofSeconds(150), () -> {
        assertThat(Replicas.fewest(fs, paths)).as("never fewer than 3 replicas").isGreaterThanOrEqualTo(3);
        try {
          BfsClient.RebalanceRound r = fs.rebalance(10, 8);
          List<NodeReport> nodes = live(fs);
          last.set(r + "; spread " + spread(nodes) + "; stored " + nodes.stream()
              .map(n -> n.nodeId() + "=" + Math.round(pct(n)) + "%").toList());
          return r.movesStarted() == 0 && r.movesInFlight() == 0 && spread(nodes) <= 10
              && Replicas.exactly(fs, paths, 3);
        } catch (IOException e) {
          last.set(e.toString());
          return false;
        }
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last round: " + last.get(), e);
    }
    // Evening out takes about 20 moves (the old nodes start with 24 replicas each, 8 above the mean);
    // rounds that planned from stale disk use used to chase each other, moving the same replicas
    // back and forth 60 to 150 times.
    assertThat(ClusterMetrics.read(cluster).masterSum("bfs_master_replication_copies_total", Map.of()))
        .as("replicas copied: each needed move once, none back and forth").isLessThanOrEqualTo(36);
    for (var f : files.entrySet()) {
      assertThat(Replicas.read(fs, f.getKey())).isEqualTo(f.getValue());
    }
  }

  private static List<NodeReport> live(BfsClient fs) {
    try {
      return fs.nodes().stream().filter(n -> n.state().equals("LIVE")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static double spread(List<NodeReport> nodes) {
    double mean = nodes.stream().mapToDouble(RebalanceTest::pct).average().orElse(0);
    return nodes.stream().mapToDouble(n -> Math.abs(pct(n) - mean)).max().orElse(0);
  }

  private static double pct(NodeReport n) {
    return 100.0 * n.storedBytes() / n.capacityBytes();
  }
}
