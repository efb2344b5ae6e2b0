package io.bigfs.master.node;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingDeletesTest {
  private final ReplicaMap replicas = new ReplicaMap();
  private final PendingDeletes deletes = new PendingDeletes(replicas);

  @Test
  void anOrderGoesOutWithTheNextHeartbeat() {
    deletes.add(1, 10);
    deletes.heartbeat(1);
    assertThat(deletes.drain(1, 100)).containsExactly(10);
    assertThat(deletes.drain(1, 100)).isEmpty();
  }

  @Test
  void aReplicaFoundWantingInAReportIsDeletedOnlyIfStillUncountedTwoHeartbeatsLater() {
    deletes.addAfterRecheck(1, 10);
    deletes.addAfterRecheck(1, 11);
    deletes.heartbeat(1);
    assertThat(deletes.drain(1, 100)).as("the first heartbeat may have left before the decision").isEmpty();
    // Chunk 11's replica was finalized after the report was made: its news arrived since.
    replicas.add(11, 1);
    deletes.heartbeat(1);
    assertThat(deletes.drain(1, 100)).containsExactly(10);
    deletes.heartbeat(1);
    assertThat(deletes.drain(1, 100)).isEmpty();
    assertThat(deletes.size()).isZero();
  }

  @Test
  void rechecksAreCountedPerNodeAndForgottenWithLeadership() {
    deletes.heartbeat(2);
    deletes.heartbeat(2);
    deletes.addAfterRecheck(2, 20);
    deletes.addAfterRecheck(3, 30);
    deletes.heartbeat(3);
    deletes.heartbeat(3);
    assertThat(deletes.drain(3, 100)).containsExactly(30);
    deletes.heartbeat(2);
    assertThat(deletes.drain(2, 100)).isEmpty();
    deletes.clear();
    deletes.heartbeat(2);
    deletes.heartbeat(2);
    assertThat(deletes.drain(2, 100)).isEmpty();
  }
}
