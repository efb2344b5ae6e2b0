package io.bigfs.it.heal;

import com.google.protobuf.ByteString;
import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;
import io.bigfs.common.Checksums;
import io.bigfs.common.metrics.Scrape;
import io.bigfs.common.rpc.Channels;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.bigfs.testing.ClusterMetrics;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** A chunkserver dies: its replicas are made again elsewhere; it comes back: the extras go. */
class ReReplicationTest {
  MiniCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aDeadNodesReplicasAreRecreatedAndTrimmedWhenItReturns() throws Exception {
    cluster = MiniCluster.builder().chunkservers(4).start();
    BfsClient fs = cluster.newClient();
    Map<String, byte[]> files = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      files.put("/heal/f" + i, Replicas.write(fs, "/heal/f" + i, 3 * Replicas.CHUNK + 1000 * i, i));
    }
    List<String> paths = new ArrayList<>(files.keySet());
    Wait.until("3 replicas of everything", Duration.ofSeconds(20), () -> Replicas.exactly(fs, paths, 3));

    int victim = 0;
    int victimId = cluster.chunkserver(victim).nodeId();
    List<ChunkInfo> held = Replicas.chunks(fs, paths).stream().filter(c -> c.nodeIds().contains(victimId)).toList();
    assertThat(held).as("the victim holds replicas").isNotEmpty();
    cluster.killChunkserver(victim);
    ClusterMetrics before = ClusterMetrics.of(cluster);

    Wait.until("every chunk to have 3 live replicas again, none on the dead node", Duration.ofSeconds(60), () ->
        Replicas.exactly(fs, paths, 3)
            && Replicas.chunks(fs, paths).stream().noneMatch(c -> c.nodeIds().contains(victimId)));
    for (var f : files.entrySet()) {
      assertThat(Replicas.read(fs, f.getKey())).isEqualTo(f.getValue());
    }
    assertRepairsShowOnTheMetrics(before, held);

    // The node comes back with its old replicas: one replica too many of each, and they go.
    cluster.startChunkserver(victim);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    boolean sawFour = false;
    while (true) {
      List<ChunkInfo> chunks = Replicas.chunks(fs, paths);
      assertThat(chunks).allSatisfy(c -> assertThat(c.nodes().size()).as("never fewer than 3").isGreaterThanOrEqualTo(3));
      sawFour |= chunks.stream().anyMatch(c -> c.nodes().size() == 4);
      if (sawFour && chunks.stream().allMatch(c -> c.nodes().size() == 3)) {
        break;
      }
      assertThat(System.nanoTime()).as("extra replicas trimmed in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    for (var f : files.entrySet()) {
      assertThat(Replicas.read(fs, f.getKey())).isEqualTo(f.getValue());
    }
  }

  /**
   * One copy per replica the dead node held, seen from the masters (copies, bytes) and from the
   * chunkservers that sent them; and the leader counts the node dead and the chunks healthy.
   */
  private void assertRepairsShowOnTheMetrics(ClusterMetrics before, List<ChunkInfo> held) {
    long bytes = held.stream().mapToLong(ChunkInfo::length).sum();
    ClusterMetrics after = Wait.forValue("the leader to see the repairs done", Duration.ofSeconds(20), () -> {
      ClusterMetrics m = ClusterMetrics.read(cluster);
      Scrape leader = m.leader();
      return leader.value("bfs_master_chunks_under_replicated") == 0 && leader.value("bfs_master_chunks_missing") == 0
          && leader.value("bfs_master_replication_copies_inflight") == 0 ? m : null;
    });
    assertThat(after.leader().value("bfs_master_nodes_dead")).isEqualTo(1);
    assertThat(after.leader().value("bfs_master_nodes_live")).isEqualTo(3);
    assertThat(delta(before, after, m -> m.masterSum("bfs_master_replication_copies_total", Map.of())))
        .isEqualTo(held.size());
    assertThat(delta(before, after, m -> m.masterSum("bfs_master_replication_bytes_total", Map.of())))
        .isEqualTo(bytes);
    assertThat(delta(before, after, m -> m.chunkserverSum("bfs_chunkserver_transfer_bytes_total", Map.of())))
        .isEqualTo(bytes);
    assertThat(delta(before, after, m -> m.chunkserverSum("bfs_chunkserver_requests_total",
        Map.of("op", "transfer", "status", "OK")))).isEqualTo(held.size());
  }

  private static double delta(ClusterMetrics before, ClusterMetrics after, ToDoubleFunction<ClusterMetrics> f) {
    return f.applyAsDouble(after) - f.applyAsDouble(before);
  }

  /**
   * With three nodes, a chunk short of a replica can only be copied to the one node that lacks
   * it. A copy there that broke off left an unfinished replica behind, which refused every later
   * copy until the node's next full report, an hour on: the chunk stayed a replica short (the
   * chaos suite's rare "1 under-replicated after heal").
   */
  @Test
  void aCopyThatBrokeOffDoesNotBlockTheNextCopyToTheSameNode() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    BfsClient fs = cluster.newClient();
    byte[] data = writeWithTwoReplicas(fs, "/broken/f", 41);
    ChunkInfo chunk = fs.chunks("/broken/f", 0, 1).get(0);
    int spare = cluster.indexOfNode(thirdNode(chunk));
    breakOffACopy(cluster.chunkserver(spare).address(), chunk, data);
    assertThat(cluster.chunkserver(spare).store().get(chunk.chunkId()).finalized())
        .as("the broken copy left an unfinished replica").isFalse();

    fs.setReplication("/broken/f", 3);
    Wait.until("3 replicas, one on the node the broken copy went to", Duration.ofSeconds(30), () ->
        Replicas.exactly(fs, List.of("/broken/f"), 3));
    assertThat(cluster.chunkserver(spare).store().get(chunk.chunkId()).finalized()).isTrue();
    assertThat(Replicas.read(fs, "/broken/f")).isEqualTo(data);
  }

  /** A copy from a rotted replica stops, and the rotted replica reports itself: it is replaced. */
  @Test
  void aCopyFromARottedReplicaReportsItAndTheChunkIsRepairedFromAGoodOne() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    BfsClient fs = cluster.newClient();
    byte[] data = writeWithTwoReplicas(fs, "/rotted/f", 42);
    ChunkInfo chunk = fs.chunks("/rotted/f", 0, 1).get(0);
    int rotted = chunk.nodeIds().get(0);
    int healthy = cluster.indexOfNode(chunk.nodeIds().get(1));
    Replicas.rot(cluster.replicaFile(rotted, chunk.chunkId()), 1_000_000);
    cluster.killChunkserver(healthy);
    fs.setReplication("/rotted/f", 3);
    Wait.until("a copy from the rotted replica to stop and report it", Duration.ofSeconds(30), () ->
        cluster.master(cluster.leaderIndex()).corruptReplicas().recent().stream()
            .anyMatch(r -> r.chunkId() == chunk.chunkId() && r.nodeId() == rotted && r.reason().startsWith("copy:")));
    cluster.startChunkserver(healthy);
    Wait.until("3 good replicas", Duration.ofSeconds(60), () -> Replicas.exactly(fs, List.of("/rotted/f"), 3));
    assertThat(Replicas.read(fs, "/rotted/f")).isEqualTo(data);
  }

  /** One chunk of 1 MiB with two replicas (of the three nodes, one lacks it). */
  private static byte[] writeWithTwoReplicas(BfsClient fs, String path, long seed) throws Exception {
    byte[] data = new byte[1024 * 1024];
    new Random(seed).nextBytes(data);
    try (BfsOutputStream out = fs.create(path,
        CreateOptions.DEFAULT.withChunkSize(data.length).withReplication(2).withCreateParents(true))) {
      out.write(data);
    }
    Wait.until("2 replicas", Duration.ofSeconds(20), () -> Replicas.exactly(fs, List.of(path), 2));
    return data;
  }

  private int thirdNode(ChunkInfo chunk) {
    for (int i = 0; i < cluster.chunkserverCount(); i++) {
      int id = cluster.chunkserver(i).nodeId();
      if (!chunk.nodeIds().contains(id)) {
        return id;
      }
    }
    throw new AssertionError("every node holds chunk " + chunk.chunkId());
  }

  /** Starts a copy of the chunk to a node the way a chunkserver does, sends 64 KiB, and breaks off. */
  private static void breakOffACopy(String address, ChunkInfo chunk, byte[] data) throws Exception {
    ManagedChannel channel = Channels.open(address);
    try {
      CompletableFuture<Void> acked = new CompletableFuture<>();
      StreamObserver<WritePacket> out = ChunkServiceGrpc.newStub(channel).writeChunk(new StreamObserver<>() {
        @Override
        public void onNext(WriteAck ack) {
          acked.complete(null);
        }

        @Override
        public void onError(Throwable t) {
          acked.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
        }
      });
      out.onNext(WritePacket.newBuilder().setHeader(WriteHeader.newBuilder()
          .setChunkId(chunk.chunkId()).setVersion(chunk.version())).build());
      int n = 64 * 1024;
      WritePacket.Builder packet = WritePacket.newBuilder().setSeq(0).setOffset(0)
          .setData(ByteString.copyFrom(data, 0, n));
      for (int crc : Checksums.pieceCrcs(data, 0, n, 0)) {
        packet.addChecksums(crc);
      }
      out.onNext(packet.build());
      acked.get(10, TimeUnit.SECONDS);
      out.onError(Status.CANCELLED.withDescription("the source went away").asRuntimeException());
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void changingTheReplicationFactorConverges() throws Exception {
    cluster = MiniCluster.builder().chunkservers(5).start();
    BfsClient fs = cluster.newClient();
    byte[] data = Replicas.write(fs, "/rep/f", 4 * Replicas.CHUNK, 9);
    List<String> paths = List.of("/rep/f");
    Wait.until("3 replicas", Duration.ofSeconds(20), () -> Replicas.exactly(fs, paths, 3));
    fs.setReplication("/rep/f", 2);
    Wait.until("2 replicas", Duration.ofSeconds(30), () -> Replicas.exactly(fs, paths, 2));
    fs.setReplication("/rep/f", 5);
    Wait.until("5 replicas", Duration.ofSeconds(60), () -> Replicas.exactly(fs, paths, 5));
    assertThat(Replicas.read(fs, "/rep/f")).isEqualTo(data);
  }

  @Test
  void aNewLeaderFinishesTheRepairWithoutDeletingTwice() throws Exception {
    cluster = MiniCluster.builder().chunkservers(4).start();
    BfsClient fs = cluster.newClient();
    Map<String, byte[]> files = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      files.put("/lc/f" + i, Replicas.write(fs, "/lc/f" + i, 4 * Replicas.CHUNK, 20 + i));
    }
    List<String> paths = new ArrayList<>(files.keySet());
    Wait.until("3 replicas", Duration.ofSeconds(20), () -> Replicas.exactly(fs, paths, 3));
    cluster.killChunkserver(2);
    // Repairs start; then the leader goes away in the middle of them.
    Wait.until("the dead node to be noticed", Duration.ofSeconds(30), () -> Replicas.fewest(fs, paths) < 3);
    cluster.killMaster(cluster.leaderIndex());
    cluster.startChunkserver(2);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!Replicas.exactly(fs, paths, 3)) {
      assertThat(Replicas.fewest(fs, paths)).as("one dead node costs at most one replica").isGreaterThanOrEqualTo(2);
      assertThat(System.nanoTime()).as("repaired in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    for (var f : files.entrySet()) {
      assertThat(Replicas.read(fs, f.getKey())).isEqualTo(f.getValue());
    }
  }
}
