package io.bigfs.master.node;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {
  static NodeState node(int id, long chunks, long free, boolean accepting, String rack) {
    return new NodeState(id, "u" + id, "127.0.0.1:" + (1000 + id), rack, 1000 + free, 1000, 0, chunks, 0, accepting,
        0, 0, true, 1);
  }

  @Test
  void picksTheLeastOccupiedDistinctNodesThatAcceptWrites() {
    List<NodeState> live = List.of(node(1, 50, 10, true, ""), node(2, 10, 10, true, ""),
        node(3, 10, 99, true, ""), node(4, 5, 10, false, ""), node(5, 30, 10, true, ""));
    assertThat(Placement.choose(live, 3, Set.of())).extracting(NodeState::id).containsExactly(3, 2, 5);
    assertThat(Placement.choose(live, 3, Set.of(3))).extracting(NodeState::id).containsExactly(2, 5, 1);
  }

  @Test
  void placesFewerWhenFewerNodesCanTakeIt() {
    List<NodeState> live = List.of(node(1, 0, 10, true, ""), node(2, 0, 10, false, ""));
    assertThat(Placement.choose(live, 3, Set.of())).extracting(NodeState::id).containsExactly(1);
    assertThat(Placement.choose(live, 3, Set.of(1))).isEmpty();
  }

  @Test
  void spreadsOverRacksWhileThereAreRacksLeft() {
    List<NodeState> live = List.of(node(1, 0, 10, true, "a"), node(2, 1, 10, true, "a"),
        node(3, 2, 10, true, "b"), node(4, 3, 10, true, "a"));
    assertThat(Placement.choose(live, 3, Set.of())).extracting(NodeState::id).containsExactly(1, 3, 2);
  }

  @Test
  void scheduledChunksCountUntilTheNextHeartbeat() {
    NodeState busy = node(1, 0, 10, true, "").withScheduled(5);
    List<NodeState> live = List.of(busy, node(2, 3, 10, true, ""));
    assertThat(Placement.choose(live, 1, Set.of())).extracting(NodeState::id).containsExactly(2);
  }
}
