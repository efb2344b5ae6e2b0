package io.bigfs.it.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.common.rpc.Channels;
import io.bigfs.proto.AdminServiceGrpc;
import io.bigfs.proto.BlockReportPart;
import io.bigfs.proto.ChunkReplica;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.GetReplicaRequest;
import io.bigfs.proto.HeartbeatRequest;
import io.bigfs.proto.LocationsQuery;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.NodeServiceGrpc;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.ReadChunkRequest;
import io.bigfs.proto.RecoverReplicaRequest;
import io.bigfs.proto.RegisterRequest;
import io.bigfs.proto.ReportBadReplicaRequest;
import io.bigfs.proto.SetNodeStateRequest;
import io.bigfs.proto.TransferReplicaRequest;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.bigfs.testing.MiniCluster;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every RPC of every server is sent bytes no client would send: random bytes, truncated copies of
 * a real request, a message over the size limit, and none or two messages where one is expected.
 * Each call must end with an error well before its deadline, the servers must stay up, and
 * nothing may change: the masters' state digests, the tree, the live chunkservers, the data.
 * The seed (property bfs.fuzz.seed) makes a failure repeatable.
 */
class RpcFuzzTest {
  static final long SEED = Long.getLong("bfs.fuzz.seed", 20261125L);
  static final int RANDOM_MESSAGES = 24;
  static final int TRUNCATIONS = 8;
  static final long DEADLINE_MS = 10_000;

  static MiniCluster cluster;
  static BfsClient fs;
  static byte[] content;
  static long realChunk;
  static ClusterFingerprint before;
  final Map<String, Integer> outcomes = new TreeMap<>();

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    fs = cluster.newClient();
    fs.mkdirs("/fuzz/dir");
    content = new byte[300_000];
    new Random(SEED).nextBytes(content);
    try (BfsOutputStream out = fs.create("/fuzz/file")) {
      out.write(content);
    }
    realChunk = fs.chunks("/fuzz/file", 0, 0).get(0).chunkId();
    before = ClusterFingerprint.of(fs);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @AfterEach
  void nothingChanged() throws IOException {
    System.out.println("fuzz seed " + SEED + ": call outcomes " + outcomes);
    for (int i = 0; i < cluster.masterCount(); i++) {
      assertThat(cluster.master(i)).as("master %d still runs", i).isNotNull();
    }
    assertThat(ClusterFingerprint.of(fs)).isEqualTo(before);
    try (BfsInputStream in = fs.open("/fuzz/file")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void everyMasterServiceSurvivesGarbage() throws Exception {
    Random random = new Random(SEED);
    for (String address : cluster.masterAddressList()) {
      ManagedChannel channel = Channels.open(address);
      try {
        for (ServiceDescriptor service : List.of(MasterServiceGrpc.getServiceDescriptor(),
            NodeServiceGrpc.getServiceDescriptor(), AdminServiceGrpc.getServiceDescriptor())) {
          for (MethodDescriptor<?, ?> method : service.getMethods()) {
            fuzz(channel, method, masterSample(method.getBareMethodName()), random);
          }
        }
      } finally {
        Channels.close(channel);
      }
    }
  }

  @Test
  void everyChunkServiceSurvivesGarbage() throws Exception {
    Random random = new Random(SEED + 1);
    ManagedChannel channel = Channels.open(cluster.chunkserver(0).address());
    try {
      for (MethodDescriptor<?, ?> method : ChunkServiceGrpc.getServiceDescriptor().getMethods()) {
        fuzz(channel, method, chunkSample(method.getBareMethodName()), random);
      }
    } finally {
      Channels.close(channel);
    }
  }

  /** Sends one method every kind of bad input, each on its own call. */
  void fuzz(ManagedChannel channel, MethodDescriptor<?, ?> method, MessageLite sample, Random random)
      throws Exception {
    List<List<byte[]>> inputs = new ArrayList<>();
    inputs.add(List.of());
    inputs.add(List.of(new byte[0], new byte[0]));
    for (int i = 0; i < RANDOM_MESSAGES; i++) {
      byte[] garbage = new byte[1 + random.nextInt(i < RANDOM_MESSAGES / 2 ? 16 : 400)];
      random.nextBytes(garbage);
      inputs.add(List.of(garbage));
    }
    byte[] real = sample.toByteArray();
    for (int i = 0; i < TRUNCATIONS && real.length > 1; i++) {
      inputs.add(List.of(Arrays.copyOf(real, 1 + random.nextInt(real.length - 1))));
    }
    for (List<byte[]> input : inputs) {
      record(method, RawCalls.call(channel, method, input, DEADLINE_MS));
    }
    // The server ends the whole connection after a message over the limit: send it on its own.
    ManagedChannel own = Channels.open(channel.authority());
    try {
      RawCalls.Outcome outcome = RawCalls.call(own, method, List.of(new byte[Channels.MAX_MESSAGE_BYTES + 1]),
          DEADLINE_MS);
      assertThat(outcome.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      record(method, outcome);
    } finally {
      Channels.close(own);
    }
  }

  /** Every call must end, with an answer or an error, long before its deadline. */
  void record(MethodDescriptor<?, ?> method, RawCalls.Outcome outcome) {
    assertThat(outcome.code()).as("%s: %s", method.getFullMethodName(), outcome)
        .isNotEqualTo(Status.Code.DEADLINE_EXCEEDED).isNotEqualTo(Status.Code.UNAVAILABLE);
    outcomes.merge(outcome.code() + " " + String.valueOf(outcome.description()).replaceAll("[0-9]+", "N"), 1,
        Integer::sum);
  }

  /** A well-formed request of each master method; its truncated copies are sent, never itself. */
  static MessageLite masterSample(String method) {
    return switch (method) {
      case "Mutate" -> MutateRequest.newBuilder().setClientId(ByteString.copyFromUtf8("fuzz-client-0001"))
          .setCallId(7).setUser("fuzz").setCreate(CreateOp.newBuilder().setPath("/missing/parent/file")
              .setReplication(3).setChunkSize(1 << 20)).build();
      case "Query" -> QueryRequest.newBuilder().setLocations(LocationsQuery.newBuilder().setPath("/fuzz/file")
          .setOffset(1).setLength(100)).build();
      case "ReportBadReplica" -> ReportBadReplicaRequest.newBuilder().setChunkId(realChunk + 1_000_000).setNodeId(77)
          .setReason("fuzz").build();
      case "Register" -> RegisterRequest.newBuilder().setUuid("fuzz-node").setAddress("127.0.0.1:1").build();
      case "Heartbeat" -> HeartbeatRequest.newBuilder().setNodeId(77).setUuid("fuzz-node").setAddress("127.0.0.1:1")
          .setCapacityBytes(1L << 40).setAcceptingWrites(true).build();
      case "BlockReport" -> BlockReportPart.newBuilder().setNodeId(77).setUuid("fuzz-node").addReplicas(
          ChunkReplica.newBuilder().setChunkId(realChunk).setVersion(1).setLength(10).setFinalized(true)).build();
      case "SetNodeState" -> SetNodeStateRequest.newBuilder().setNode("1").setDecommission(true).build();
      default -> GetReplicaRequest.getDefaultInstance();
    };
  }

  static MessageLite chunkSample(String method) {
    return switch (method) {
      case "WriteChunk" -> WritePacket.newBuilder().setHeader(WriteHeader.newBuilder().setChunkId(realChunk)
          .setVersion(9).setAppend(true).setResumeOffset(5)).setData(ByteString.copyFromUtf8("overwrite?")).build();
      case "ReadChunk" -> ReadChunkRequest.newBuilder().setChunkId(realChunk).setVersion(1).setOffset(0)
          .setLength(65536).build();
      case "RecoverReplica" -> RecoverReplicaRequest.newBuilder().setChunkId(realChunk).setOldVersion(1)
          .setNewVersion(2).setLength(3).setFinalize(true).build();
      case "TransferReplica" -> TransferReplicaRequest.newBuilder().setChunkId(realChunk).setVersion(1).setLength(10)
          .setTarget(NodeLocation.newBuilder().setNodeId(2).setAddress("127.0.0.1:1")).setTargetVersion(5).build();
      default -> GetReplicaRequest.newBuilder().setChunkId(realChunk).build();
    };
  }
}
