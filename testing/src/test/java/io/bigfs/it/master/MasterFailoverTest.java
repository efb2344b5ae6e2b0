package io.bigfs.it.master;

import io.bigfs.client.impl.MasterClient;
import io.bigfs.proto.CreateOp;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Masters come and go; acknowledged operations stay, and callers see retries, not errors. */
class MasterFailoverTest {
  MiniCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingTheLeaderDuringConcurrentCreatesLosesNothingAcknowledged() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    MasterClient setup = cluster.newMasterClient();
    setup.mkdirs("/load", 0, false);

    int threads = 6;
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger created = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(threads);
    List<MasterClient> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      clients.add(cluster.newMasterClient());
    }
    for (int t = 0; t < threads; t++) {
      MasterClient client = clients.get(t);
      int thread = t;
      new Thread(() -> {
        try {
          for (int i = 0; running.get(); i++) {
            String path = "/load/t" + thread + "-" + i;
            client.create(CreateOp.newBuilder().setPath(path).build());
            acknowledged.add(path);
            created.incrementAndGet();
          }
        } catch (Throwable e) {
          errors.add(e);
        } finally {
          done.countDown();
        }
      }).start();
    }
    Wait.until("some creates", Duration.ofSeconds(30), () -> created.get() >= 200);
    int oldLeader = cluster.leaderIndex();
    int before = created.get();
    cluster.killMaster(oldLeader);
    Wait.until("creates after the new leader took over", Duration.ofSeconds(30),
        () -> created.get() >= before + 200);
    running.set(false);
    done.await();

    assertThat(errors).isEmpty();
    int newLeader = cluster.waitForLeader(Duration.ofSeconds(30));
    assertThat(newLeader).isNotEqualTo(oldLeader);
    MasterClient checker = cluster.newMasterClient();
    List<String> listed = new ArrayList<>();
    String after = "";
    while (true) {
      var page = checker.list("/load", after, 1000);
      page.getEntriesList().forEach(e -> listed.add(e.getPath()));
      if (!page.getHasMore()) {
        break;
      }
      after = listed.get(listed.size() - 1).substring("/load/".length());
    }
    assertThat(listed).containsAll(acknowledged);
    assertThat(listed).hasSize(acknowledged.size());
    assertThat(clients.stream().mapToLong(c -> c.channels().retries()).sum())
        .as("clients retried across the failover").isPositive();
  }

  @Test
  void restartingAllMastersKeepsTheNamespace() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    MasterClient client = cluster.newMasterClient();
    client.mkdirs("/keep/a/b", 0750, true);
    var file = client.create(CreateOp.newBuilder().setPath("/keep/a/f").setReplication(2).build());
    client.complete("/keep/a/f", file.getInodeId(), 0);
    client.rename("/keep/a/b", "/keep/b", false);
    String before = client.list("/keep", "", 0).toString() + client.list("/keep/a", "", 0);

    for (int i = 0; i < 3; i++) {
      cluster.killMaster(i);
    }
    for (int i = 0; i < 3; i++) {
      cluster.startMaster(i);
    }
    cluster.waitForLeader(Duration.ofSeconds(30));
    MasterClient after = cluster.newMasterClient();
    assertThat(after.list("/keep", "", 0).toString() + after.list("/keep/a", "", 0)).isEqualTo(before);
    assertThat(after.stat("/keep/a/f").getReplication()).isEqualTo(2);
    // and it keeps working
    after.mkdirs("/keep/new", 0, false);
    assertThat(after.stat("/keep/new").getDirectory()).isTrue();
  }

  @Test
  void aWipedFollowerCatchesUpBySnapshotInstall() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3)
        .master("master.raft.purge.gap", 1)
        // Ratis purges whole closed log segments only: small segments, or nothing is purged.
        .master("master.raft.segment.size", "8k")
        .start();
    MasterClient client = cluster.newMasterClient();
    for (int i = 0; i < 50; i++) {
      client.mkdirs("/snap/d" + i, 0, true);
    }
    int leader = cluster.leaderIndex();
    int follower = (leader + 1) % 3;
    cluster.killMaster(follower);
    cluster.wipeMaster(follower);
    // More writes, then a snapshot on the leader and the other follower: the log the wiped
    // follower would need is purged, so only a snapshot can bring it back.
    for (int i = 50; i < 100; i++) {
      client.mkdirs("/snap/d" + i, 0, true);
    }
    for (int i = 0; i < 3; i++) {
      if (cluster.master(i) != null) {
        assertThat(cluster.master(i).raft().takeSnapshot(30_000)).as("snapshot index of master %d", i).isPositive();
      }
    }
    long snapshotIndex = cluster.master(leader).stateMachine().snapshotIndex();
    assertThat(snapshotIndex).isPositive();
    cluster.startMaster(follower);
    Wait.until("the wiped follower to install the snapshot", Duration.ofSeconds(60),
        () -> cluster.master(follower).stateMachine().snapshotIndex() >= snapshotIndex
            && cluster.master(follower).raft().status().appliedIndex()
            >= cluster.master(leader).raft().status().commitIndex());
    MasterClient onlyFollower = cluster.newMasterClient(List.of(cluster.masterAddressList().get(follower)));
    assertThat(onlyFollower.list("/snap", "", 0).getEntriesCount()).isEqualTo(100);
    assertThat(onlyFollower.list("/snap", "", 0)).isEqualTo(client.list("/snap", "", 0));
  }
}
