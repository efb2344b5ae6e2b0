package io.bigfs.it.heal;

import io.bigfs.chunkserver.ChunkserverConfig;
import io.bigfs.client.BfsClient;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.NodeReport;
import io.bigfs.common.metrics.Scrape;
import io.bigfs.testing.ClusterMetrics;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Rot found by the scrubber is repaired; a decommissioned node empties without risk. */
class ScrubAndDecommissionTest {
  MiniCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theScrubberFindsARottedReplicaAndItIsReplaced() throws Exception {
    cluster = MiniCluster.builder().chunkservers(4)
        .chunkserver(ChunkserverConfig.SCRUB_PAUSE.name(), 200)
        .chunkserver(ChunkserverConfig.SCRUB_RATE.name(), "256m")
        .start();
    BfsClient fs = cluster.newClient();
    byte[] data = Replicas.write(fs, "/rot/f", 2 * Replicas.CHUNK, 5);
    List<String> paths = List.of("/rot/f");
    Wait.until("3 replicas", Duration.ofSeconds(20), () -> Replicas.exactly(fs, paths, 3));
    ChunkInfo first = fs.chunks("/rot/f", 0, 1).get(0);
    int victim = first.nodeIds().get(0);
    int index = cluster.indexOfNode(victim);
    Path file = cluster.replicaFile(victim, first.chunkId());
    Replicas.rot(file, 5000);
    Wait.until("the scrubber to report the rotted replica", Duration.ofSeconds(30), () ->
        cluster.master(cluster.leaderIndex()).corruptReplicas().recent().stream()
            .anyMatch(r -> r.chunkId() == first.chunkId() && r.nodeId() == victim));
    assertScrubbingShowsOnTheMetrics(index);
    // The rotted file goes; the node may get a good copy again under the same name.
    byte[] firstChunk = Arrays.copyOf(data, Replicas.CHUNK);
    Wait.until("the chunk to have 3 good replicas again", Duration.ofSeconds(60), () ->
        Replicas.exactly(fs, paths, 3) && (!Files.exists(file) || sameContent(file, firstChunk)));
    assertThat(Replicas.read(fs, "/rot/f")).isEqualTo(data);
  }

  /** Only the node with the rotted replica counts a failure, after it scrubbed; the leader heard of it. */
  private void assertScrubbingShowsOnTheMetrics(int rotted) {
    ClusterMetrics m = ClusterMetrics.read(cluster);
    for (int i = 0; i < cluster.chunkserverCount(); i++) {
      Scrape page = m.chunkservers().get(i);
      double failures = page.value("bfs_chunkserver_scrub_checksum_failures_total");
      if (i == rotted) {
        // The scrubber may pass over the rotted replica again before the leader has it deleted.
        assertThat(failures).as("scrub failures on the rotted node").isNotNaN().isGreaterThanOrEqualTo(1);
        assertThat(page.value("bfs_chunkserver_scrub_bytes_total")).as("bytes it scrubbed").isNotNaN().isPositive();
      } else {
        assertThat(failures).as("scrub failures on node " + i).isZero();
      }
      assertThat(page.value("bfs_chunkserver_scrub_progress_ratio")).isBetween(0.0, 1.0);
    }
    assertThat(m.leader().value("bfs_master_replicas_corrupt_reported_total")).isNotNaN().isGreaterThanOrEqualTo(1);
  }

  @Test
  void aDecommissionedNodeEmptiesWithoutAChunkEverLosingAReplica() throws Exception {
    cluster = MiniCluster.builder().chunkservers(4).start();
    BfsClient fs = cluster.newClient();
    byte[] a = Replicas.write(fs, "/dec/a", 5 * Replicas.CHUNK, 1);
    byte[] b = Replicas.write(fs, "/dec/b", 3 * Replicas.CHUNK + 7, 2);
    List<String> paths = List.of("/dec/a", "/dec/b");
    Wait.until("3 replicas", Duration.ofSeconds(20), () -> Replicas.exactly(fs, paths, 3));
    int leaving = cluster.chunkserver(1).nodeId();
    assertThat(Replicas.chunks(fs, paths).stream().filter(c -> c.nodeIds().contains(leaving)).count()).isPositive();

    NodeReport started = fs.decommission(Integer.toString(leaving), true);
    assertThat(started.state()).isEqualTo("DECOMMISSIONING");
    AtomicInteger reads = new AtomicInteger();
    Wait.until("the node to be decommissioned and empty", Duration.ofSeconds(90), () -> {
      assertThat(Replicas.fewest(fs, paths)).as("no chunk below 3 live replicas").isGreaterThanOrEqualTo(3);
      if (reads.incrementAndGet() % 20 == 0) {
        try {
          assertThat(Replicas.read(fs, "/dec/a")).isEqualTo(a);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
      return state(fs, leaving).equals("DECOMMISSIONED") && cluster.chunkserver(1).store().count() == 0;
    });
    assertThat(Replicas.exactly(fs, paths, 3)).isTrue();
    assertThat(Replicas.read(fs, "/dec/a")).isEqualTo(a);
    assertThat(Replicas.read(fs, "/dec/b")).isEqualTo(b);
    // New files avoid it.
    Replicas.write(fs, "/dec/c", Replicas.CHUNK, 3);
    assertThat(fs.chunks("/dec/c", 0, 0).get(0).nodeIds()).doesNotContain(leaving);

    assertThat(fs.decommission(Integer.toString(leaving), false).state()).isEqualTo("LIVE");
  }

  private static boolean sameContent(Path file, byte[] expected) {
    try {
      return Arrays.equals(Files.readAllBytes(file), expected);
    } catch (IOException e) {
      return false;
    }
  }

  private static String state(BfsClient fs, int nodeId) {
    try {
      return fs.nodes().stream().filter(n -> n.nodeId() == nodeId).findFirst().orElseThrow().state();
    } catch (IOException e) {
      return "";
    }
  }


}
