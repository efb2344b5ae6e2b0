package io.bigfs.it.datapath;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.common.rpc.Channels;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.GetReplicaRequest;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.ReadChunkReply;
import io.bigfs.proto.ReadChunkRequest;
import io.bigfs.proto.RecoverReplicaRequest;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TransferReplicaRequest;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.bigfs.testing.MiniCluster;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests no honest client sends: refused with an error, nothing written outside the data directory. */
class HostileRequestsTest {
  static MiniCluster cluster;
  static ManagedChannel channel;
  static ChunkServiceGrpc.ChunkServiceBlockingStub chunks;
  static long realChunk;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    BfsClient fs = cluster.newClient();
    try (BfsOutputStream out = fs.create("/real")) {
      out.write(new byte[100_000]);
    }
    realChunk = fs.chunks("/real", 0, 0).get(0).chunkId();
    channel = Channels.open(cluster.chunkserver(0).address());
    chunks = ChunkServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    Channels.close(channel);
    cluster.close();
  }

  static StatusCode readStatus(ReadChunkRequest request) {
    Iterator<ReadChunkReply> it = chunks.readChunk(request);
    StatusCode last = StatusCode.OK;
    while (it.hasNext()) {
      last = it.next().getStatus().getCode();
    }
    return last;
  }

  @Test
  void readsOfUnknownChunksAndBadRangesAreRefused() {
    assertThat(readStatus(ReadChunkRequest.newBuilder().setChunkId(-1).setLength(10).build()))
        .isEqualTo(StatusCode.NOT_FOUND);
    assertThat(readStatus(ReadChunkRequest.newBuilder().setChunkId(987654321).setLength(10).build()))
        .isEqualTo(StatusCode.NOT_FOUND);
    assertThat(readStatus(ReadChunkRequest.newBuilder().setChunkId(realChunk).setOffset(-5).setLength(10).build()))
        .isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(readStatus(ReadChunkRequest.newBuilder().setChunkId(realChunk).setOffset(1L << 40).setLength(10)
        .build())).isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(readStatus(ReadChunkRequest.newBuilder().setChunkId(realChunk).setLength(-1).build()))
        .isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(readStatus(ReadChunkRequest.newBuilder().setChunkId(realChunk).setVersion(99).setLength(10).build()))
        .isEqualTo(StatusCode.STALE_VERSION);
    assertThat(chunks.getReplica(GetReplicaRequest.newBuilder().setChunkId(0).build()).getStatus().getCode())
        .isEqualTo(StatusCode.NOT_FOUND);
  }

  @Test
  void writesWithBadIdsOffsetsOrChecksumsAreRefused() throws Exception {
    assertThat(write(WriteHeader.newBuilder().setChunkId(0).setVersion(1).build(), List.of()))
        .isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(write(WriteHeader.newBuilder().setChunkId(-7).setVersion(-1).build(), List.of()))
        .isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(write(WriteHeader.newBuilder().setChunkId(realChunk).setVersion(1).build(), List.of()))
        .as("a finalized replica is not overwritten").isEqualTo(StatusCode.ALREADY_EXISTS);
    WritePacket wrongCrc = WritePacket.newBuilder().setSeq(0).setOffset(0)
        .setData(com.google.protobuf.ByteString.copyFromUtf8("hello")).addChecksums(12345).build();
    assertThat(write(WriteHeader.newBuilder().setChunkId(555_000).setVersion(1).build(), List.of(wrongCrc)))
        .isEqualTo(StatusCode.CORRUPT);
    WritePacket farOffset = WritePacket.newBuilder().setSeq(0).setOffset(1L << 50).build();
    assertThat(write(WriteHeader.newBuilder().setChunkId(555_001).setVersion(1).build(), List.of(farOffset)))
        .isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(chunks.recoverReplica(RecoverReplicaRequest.newBuilder().setChunkId(realChunk).setOldVersion(1)
        .setNewVersion(2).setLength(1L << 40).build()).getStatus().getCode()).isNotEqualTo(StatusCode.OK);
    assertThat(chunks.transferReplica(TransferReplicaRequest.newBuilder().setChunkId(realChunk).setVersion(1)
        .setLength(-1).setTarget(NodeLocation.newBuilder().setAddress("127.0.0.1:1")).setTargetVersion(2).build())
        .getStatus().getCode()).isNotEqualTo(StatusCode.OK);
  }

  @Test
  void nothingLandsOutsideTheDataDirectoryAndTheNodeStillServes() throws Exception {
    Path root = cluster.root();
    List<Path> before = listAll(root);
    write(WriteHeader.newBuilder().setChunkId(Long.MAX_VALUE).setVersion(Long.MAX_VALUE).build(), List.of());
    write(WriteHeader.newBuilder().setChunkId(-2).setVersion(3).build(), List.of());
    List<Path> after = listAll(root);
    after.removeAll(before);
    Path data = cluster.chunkserver(0).store().dirs().get(0);
    assertThat(after).allSatisfy(p -> assertThat(p.startsWith(data)).isTrue());
    BfsClient fs = cluster.newClient();
    try (BfsInputStream in = fs.open("/real")) {
      assertThat(in.readAllBytes()).hasSize(100_000);
    }
  }

  static List<Path> listAll(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return new ArrayList<>(s.toList());
    }
  }

  /** Writes a header and packets; returns the status of the first failure, or OK. */
  static StatusCode write(WriteHeader header, List<WritePacket> packets) throws Exception {
    CompletableFuture<StatusCode> result = new CompletableFuture<>();
    StreamObserver<WritePacket> out = ChunkServiceGrpc.newStub(channel).writeChunk(new StreamObserver<>() {
      @Override
      public void onNext(WriteAck ack) {
        if (ack.getStatus().getCode() != StatusCode.OK) {
          result.complete(ack.getStatus().getCode());
        }
      }

      @Override
      public void onError(Throwable t) {
        result.complete(StatusCode.UNAVAILABLE);
      }

      @Override
      public void onCompleted() {
        result.complete(StatusCode.OK);
      }
    });
    out.onNext(WritePacket.newBuilder().setHeader(header).build());
    packets.forEach(out::onNext);
    out.onCompleted();
    return result.get(30, TimeUnit.SECONDS);
  }
}
