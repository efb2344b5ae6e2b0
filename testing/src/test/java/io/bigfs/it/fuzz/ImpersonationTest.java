package io.bigfs.it.fuzz;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.NodeReport;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.rpc.Channels;
import io.bigfs.proto.BlockReportPart;
import io.bigfs.proto.BlockReportReply;
import io.bigfs.proto.ChunkReplica;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.HeartbeatRequest;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.NodeServiceGrpc;
import io.bigfs.proto.StatusCode;
import io.bigfs.testing.MiniCluster;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Requests that claim to come from a chunkserver that is not registered, or from another
 * chunkserver than the sender, are refused: they must not add a node that new chunks are
 * placed on, move a real node's address, or make replicas appear or vanish.
 */
class ImpersonationTest {
  static final String NOWHERE = "127.0.0.1:1";
  static MiniCluster cluster;
  static BfsClient fs;
  static ManagedChannel leader;
  static NodeServiceGrpc.NodeServiceBlockingStub nodes;
  static long chunkId;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    fs = cluster.newClient();
    try (BfsOutputStream out = fs.create("/data")) {
      out.write(new byte[50_000]);
    }
    chunkId = fs.chunks("/data", 0, 0).get(0).chunkId();
    leader = Channels.open(cluster.masterAddressList().get(cluster.waitForLeader(java.time.Duration.ofSeconds(30))));
    nodes = NodeServiceGrpc.newBlockingStub(leader).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    Channels.close(leader);
    cluster.close();
  }

  static HeartbeatRequest.Builder beat(int nodeId, String uuid) {
    return HeartbeatRequest.newBuilder().setNodeId(nodeId).setUuid(uuid).setAddress(NOWHERE)
        .setCapacityBytes(1L << 50).setAcceptingWrites(true);
  }

  @Test
  void anUnregisteredNodeGetsNoChunks() throws IOException {
    assertThat(nodes.heartbeat(beat(4242, "phantom").build()).getStatus().getCode()).isNotEqualTo(StatusCode.OK);
    MasterClient master = cluster.newMasterClient();
    for (int i = 0; i < 5; i++) {
      var file = master.create(CreateOp.newBuilder().setPath("/phantom-" + i).build());
      LocatedChunk placed = master.addChunk("/phantom-" + i, file.getInodeId(), 0, List.of());
      assertThat(placed.getLocationsList()).extracting(NodeLocation::getAddress).doesNotContain(NOWHERE);
    }
  }

  @Test
  void aHeartbeatUnderAnotherNodesIdIsRefused() throws IOException {
    NodeReport real = fs.nodes().get(0);
    assertThat(nodes.heartbeat(beat(real.nodeId(), "impostor").build()).getStatus().getCode())
        .isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(fs.nodes()).filteredOn(n -> n.nodeId() == real.nodeId()).extracting(NodeReport::address)
        .containsExactly(real.address());
  }

  @Test
  void aBlockReportFromAnUnregisteredNodeIsRefused() throws Exception {
    BlockReportPart part = BlockReportPart.newBuilder().setNodeId(4243).setUuid("phantom-2").setLast(true)
        .addReplicas(ChunkReplica.newBuilder().setChunkId(chunkId).setVersion(1).setLength(50_000).setFinalized(true))
        .build();
    CompletableFuture<BlockReportReply> reply = new CompletableFuture<>();
    StreamObserver<BlockReportPart> out = NodeServiceGrpc.newStub(leader).blockReport(new StreamObserver<>() {
      @Override
      public void onNext(BlockReportReply value) {
        reply.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        reply.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        reply.complete(BlockReportReply.getDefaultInstance());
      }
    });
    out.onNext(part);
    out.onCompleted();
    assertThat(reply.get(30, TimeUnit.SECONDS).getStatus().getCode()).isEqualTo(StatusCode.INVALID_ARGUMENT);
    ChunkInfo located = fs.chunks("/data", 0, 0).get(0);
    assertThat(located.nodes()).hasSize(3).doesNotContain(NOWHERE);
  }

  @Test
  void aReportOfAReplicaNobodyHoldsIsRefusedAndDeletesNothing() throws IOException {
    MasterClient master = cluster.newMasterClient();
    int holder = fs.chunks("/data", 0, 0).get(0).nodeIds().get(0);
    assertThrows(NoSuchFileException.class,
        () -> master.reportBadReplica(chunkId + 1_000_000, holder, "no such chunk"));
    assertThrows(NoSuchFileException.class, () -> master.reportBadReplica(chunkId, 4244, "x".repeat(1 << 20)));
    assertThat(fs.chunks("/data", 0, 0).get(0).nodes()).hasSize(3);
    assertThat(fs.chunks("/data", 0, 0).get(0).corruptReplicas()).isZero();
  }
}
