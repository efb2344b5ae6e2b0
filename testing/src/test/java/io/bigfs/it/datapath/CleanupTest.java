package io.bigfs.it.datapath;

import io.bigfs.chunkserver.ChunkserverConfig;
import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Space comes back: deleted files' replicas go; full nodes get no new chunks. */
class CleanupTest {
  MiniCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void replicasOfDeletedFilesAreRemovedFromEveryNode() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    BfsClient fs = cluster.newClient();
    try (BfsOutputStream out = fs.create("/doomed", CreateOptions.DEFAULT.withChunkSize(64 * 1024))) {
      out.write(new byte[300_000]);
    }
    List<Long> chunkIds = fs.chunks("/doomed", 0, 0).stream().map(ChunkInfo::chunkId).toList();
    assertThat(chunkIds).hasSize(5);
    Wait.until("every replica to be on disk", Duration.ofSeconds(10), () -> held(chunkIds) == 15);
    fs.delete("/doomed", false);
    Wait.until("the replicas of the deleted file to be removed", Duration.ofSeconds(30), () -> held(chunkIds) == 0);
  }

  @Test
  void emptyFilesLeaveNoReplicaListedOnAnyMaster() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    BfsClient fs = cluster.newClient();
    fs.mkdirs("/empty");
    Wait.until("the masters to list no replica", Duration.ofSeconds(10), () -> listedOnAnyMaster() == 0);
    // Each create places chunk 0 on three nodes; a file closed empty drops it unwritten.
    for (int i = 0; i < 20; i++) {
      fs.create("/empty/f" + i, CreateOptions.DEFAULT.withDataFollowing(true)).close();
    }
    assertThat(fs.chunks("/empty/f0", 0, 0)).isEmpty();
    Wait.until("every master to forget the placements of the empty files", Duration.ofSeconds(30),
        () -> listedOnAnyMaster() == 0);
  }

  private long listedOnAnyMaster() {
    return IntStream.range(0, 3).mapToLong(i -> cluster.master(i).replicas().size()).max().orElse(0);
  }

  private long held(List<Long> chunkIds) {
    return IntStream.range(0, cluster.chunkserverCount())
        .mapToLong(i -> chunkIds.stream().filter(id -> cluster.chunkserver(i).store().get(id) != null).count())
        .sum();
  }

  @Test
  void aFullNodeGetsNoNewChunks() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    // A fourth node whose disk counts as full from the start.
    cluster.addChunkserver(ChunkserverConfig.MAX_FULLNESS.name(), "0.000001");
    int fullNode = cluster.chunkserver(3).nodeId();
    BfsClient fs = cluster.newClient();
    Wait.until("the full node to report itself", Duration.ofSeconds(10), () -> {
      try {
        return fs.nodes().stream().anyMatch(n -> n.nodeId() == fullNode && n.state().equals("LIVE")
            && !n.acceptingWrites());
      } catch (IOException e) {
        return false;
      }
    });
    for (int i = 0; i < 5; i++) {
      try (BfsOutputStream out = fs.create("/f" + i)) {
        out.write(new byte[1000]);
      }
      assertThat(fs.chunks("/f" + i, 0, 0).get(0).nodeIds()).doesNotContain(fullNode).hasSize(3);
    }
  }
}
