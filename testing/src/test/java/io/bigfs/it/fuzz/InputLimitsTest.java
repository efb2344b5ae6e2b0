package io.bigfs.it.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.bigfs.client.BfsClient;
import io.bigfs.common.rpc.Channels;
import io.bigfs.proto.AddChunkOp;
import io.bigfs.proto.AdminServiceGrpc;
import io.bigfs.proto.ListQuery;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.MkdirsOp;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.NodeServiceGrpc;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.RebalanceRequest;
import io.bigfs.proto.RegisterRequest;
import io.bigfs.proto.SetNodeStateRequest;
import io.bigfs.proto.Status;
import io.bigfs.proto.StatQuery;
import io.bigfs.proto.StatusCode;
import io.bigfs.testing.MiniCluster;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds on what a request may carry: each oversize or malformed value is refused on the
 * master that received it, before anything reaches the Raft log, so no master's state (retry
 * records included) changes.
 */
class InputLimitsTest {
  static MiniCluster cluster;
  static BfsClient fs;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(1).start();
    fs = cluster.newClient();
    fs.mkdirs("/limits");
    channel = Channels.open(cluster.masterAddressList().get(cluster.waitForLeader(Duration.ofSeconds(30))));
  }

  @AfterAll
  static void stop() {
    Channels.close(channel);
    cluster.close();
  }

  static MasterServiceGrpc.MasterServiceBlockingStub master() {
    return MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  static AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  static MutateRequest.Builder mutation() {
    return MutateRequest.newBuilder().setClientId(ByteString.copyFrom(new byte[16])).setCallId(1)
        .setUser(MiniCluster.USER);
  }

  static void refused(Status status, String messagePart) {
    assertThat(status.getCode()).as(status.getMessage()).isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(status.getMessage()).contains(messagePart);
  }

  /** A master's digest of every column family, retry records included, once the three agree. */
  static Map<String, String> state() {
    ClusterFingerprint.of(fs);
    return fs.digests().get(0).families();
  }

  @Test
  void oversizeAndMalformedRequestsChangeNothing() {
    Map<String, String> before = state();

    UnknownFieldSet bloat = UnknownFieldSet.newBuilder().addField(999, UnknownFieldSet.Field.newBuilder()
        .addLengthDelimited(ByteString.copyFrom(new byte[200_000])).build()).build();
    refused(master().mutate(mutation().setMkdirs(MkdirsOp.newBuilder().setPath("/limits/bloated"))
        .setUnknownFields(bloat).build()).getStatus(), "at most 65536");
    refused(master().mutate(mutation().setAddChunk(AddChunkOp.newBuilder().setPath("/limits/f")
        .addAllExcludeNodes(IntStream.range(0, 2000).boxed().toList())).build()).getStatus(), "exclude_nodes");
    refused(master().mutate(mutation().build()).getStatus(), "empty request");
    refused(master().mutate(mutation().setClientId(ByteString.copyFromUtf8("abc"))
        .setMkdirs(MkdirsOp.newBuilder().setPath("/limits/x")).build()).getStatus(), "client id");
    refused(master().mutate(mutation().setUser("no such\nuser").setMkdirs(MkdirsOp.newBuilder()
        .setPath("/limits/x")).build()).getStatus(), "bad user name");

    refused(master().query(QueryRequest.newBuilder().setUser(MiniCluster.USER).setList(ListQuery.newBuilder()
        .setPath("/limits").setStartAfter("x".repeat(300))).build()).getStatus(), "longer than 255 bytes");
    refused(master().query(QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath("/limits")).build())
        .getStatus(), "bad user name");

    refused(admin().rebalance(RebalanceRequest.newBuilder().setUser(MiniCluster.USER).setThreshold(Double.NaN)
        .build()).getStatus(), "threshold");
    refused(admin().rebalance(RebalanceRequest.newBuilder().setUser(MiniCluster.USER).setMaxMoves(-1).build())
        .getStatus(), "at most");
    refused(admin().setNodeState(SetNodeStateRequest.newBuilder().setUser(MiniCluster.USER)
        .setNode("n".repeat(10_000)).setDecommission(true).build()).getStatus(), "at most 300 characters");
    refused(NodeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
        .register(RegisterRequest.newBuilder().setUuid(UUID.randomUUID().toString()).setAddress("127.0.0.1:1")
            .setRack("r".repeat(1000)).build()).getStatus(), "rack");

    assertThat(state()).isEqualTo(before);
  }
}
