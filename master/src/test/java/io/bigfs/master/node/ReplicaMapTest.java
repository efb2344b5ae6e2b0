package io.bigfs.master.node;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaMapTest {
  @Test
  void keepsUpToThreeNodesPackedAndMoreBeside() {
    ReplicaMap map = new ReplicaMap();
    map.add(7, 1);
    map.add(7, 2);
    map.add(7, 2);
    assertThat(map.nodesOf(7)).containsExactly(1, 2);
    map.add(7, 3);
    map.add(7, 4);
    map.add(7, ReplicaMap.MAX_NODE_ID);
    assertThat(map.nodesOf(7)).containsExactlyInAnyOrder(1, 2, 3, 4, ReplicaMap.MAX_NODE_ID);
    map.remove(7, 2);
    map.remove(7, ReplicaMap.MAX_NODE_ID);
    assertThat(map.nodesOf(7)).containsExactlyInAnyOrder(1, 3, 4);
    map.remove(7, 1);
    map.remove(7, 3);
    map.remove(7, 4);
    assertThat(map.nodesOf(7)).isEmpty();
    assertThat(map.size()).isZero();
  }

  @Test
  void aFullReportReplacesWhatANodeHeld() {
    ReplicaMap map = new ReplicaMap();
    for (long c = 1; c <= 10; c++) {
      map.add(c, 1);
      map.add(c, 2);
    }
    LongOpenHashSet report = new LongOpenHashSet(new long[] {2, 4, 11});
    map.replaceNode(1, report, chunk -> chunk == 9);
    assertThat(map.nodesOf(2)).containsExactly(1, 2);
    assertThat(map.nodesOf(3)).containsExactly(2);
    assertThat(map.nodesOf(9)).as("kept: being written").containsExactly(1, 2);
    assertThat(map.nodesOf(11)).containsExactly(1);
  }
}
