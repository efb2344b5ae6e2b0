package io.bigfs.it.master;

import io.bigfs.client.impl.MasterClient;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

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

    List<String> views = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      MasterClient only = cluster.newMasterClient(List.of(cluster.masterAddressList().get(i)));
      StringBuilder view = new StringBuilder();
      for (String dir : List.of("/same", "/same/d0", "/same/d1", "/same/d2")) {
        only.list(dir, "", 0).getEntriesList().forEach(e -> view.append(e.toString()));
      }
      view.append(only.stat("/same/d1/g"));
      views.add(view.toString());
    }
    assertThat(views.get(0)).contains("/same/d1/g").contains("/same/d2");
    assertThat(views.get(1)).isEqualTo(views.get(0));
    assertThat(views.get(2)).isEqualTo(views.get(0));
  }

  @Test
  void chunkserversRegisterWithDistinctIds() {
    assertThat(List.of(cluster.chunkserver(0).nodeId(), cluster.chunkserver(1).nodeId(),
        cluster.chunkserver(2).nodeId())).doesNotHaveDuplicates().allMatch(id -> id > 0);
  }
}
