package io.bigfs.it.master;

import io.bigfs.client.BfsClient;
import io.bigfs.client.MasterDigest;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.rpc.Channels;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.StatQuery;
import io.bigfs.proto.StatusCode;
import io.grpc.ManagedChannel;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicatedNamespaceTest {
  static MiniCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void everyMasterAnswersTheSameAfterWritesThroughAnyMaster() throws Exception {
    assertThat(cluster.leaderIndex()).isBetween(0, 2);
    // Each write goes in through a different master; followers redirect to the leader.
    for (int i = 0; i < 3; i++) {
      MasterClient via = cluster.newMasterClient(List.of(cluster.masterAddressList().get(i)));
      via.mkdirs("/same/d" + i, 0, true);
      FileStatus f = via.create(CreateOp.newBuilder().setPath("/same/d" + i + "/f").build());
      via.complete(f.getPath(), f.getInodeId(), 0);
    }
    MasterClient any = cluster.newMasterClient();
    any.rename("/same/d0/f", "/same/d1/g", false);
    any.setPermission("/same/d2", 0700);

    StringBuilder view = new StringBuilder();
    for (String dir : List.of("/same", "/same/d0", "/same/d1", "/same/d2")) {
      any.list(dir, "", 0).getEntriesList().forEach(e -> view.append(e.toString()));
    }
    assertThat(view).contains("/same/d1/g").contains("/same/d2");
    assertThat(view).doesNotContain("/same/d0/f");

    // Reads go to the leader; every master holds the same state once all reach one index.
    try (BfsClient fs = cluster.newClient()) {
      List<MasterDigest> digests = Wait.forValue("the masters to reach one applied index", Duration.ofSeconds(20),
          () -> {
            List<MasterDigest> d = fs.digests();
            return d.stream().map(MasterDigest::appliedIndex).distinct().count() == 1 ? d : null;
          });
      assertThat(digests).hasSize(3);
      assertThat(digests.get(1).families()).isEqualTo(digests.get(0).families());
      assertThat(digests.get(2).families()).isEqualTo(digests.get(0).families());
    }
  }

  @Test
  void aFollowerSendsReadsToTheLeader() throws Exception {
    cluster.newMasterClient().mkdirs("/via-follower", 0, true);
    int leader = cluster.leaderIndex();
    int follower = (leader + 1) % 3;
    ManagedChannel channel = Channels.open(cluster.masterAddressList().get(follower));
    try {
      QueryReply refused = MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .query(QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath("/via-follower")).build());
      assertThat(refused.getStatus().getCode()).isEqualTo(StatusCode.NOT_LEADER);
      assertThat(refused.getStatus().getLeaderHint()).isEqualTo(cluster.masterAddressList().get(leader));
    } finally {
      Channels.close(channel);
    }
    // A client that knows only a follower, and reads first: the follower answers NOT_LEADER with
    // the leader's address, and the client asks there.
    MasterClient only = cluster.newMasterClient(List.of(cluster.masterAddressList().get(follower)));
    assertThat(only.stat("/via-follower").getPath()).isEqualTo("/via-follower");
  }

  @Test
  void chunkserversRegisterWithDistinctIds() {
    assertThat(List.of(cluster.chunkserver(0).nodeId(), cluster.chunkserver(1).nodeId(),
        cluster.chunkserver(2).nodeId())).doesNotHaveDuplicates().allMatch(id -> id > 0);
  }
}
