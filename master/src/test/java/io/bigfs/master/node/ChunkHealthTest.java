package io.bigfs.master.node;

import io.bigfs.master.node.ChunkHealth.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkHealthTest {
  static ChunkHealth decide(int rf, Map<Integer, Role> roles, List<Integer> inFlight, boolean mayTrim) {
    int[] holders = roles.keySet().stream().sorted().mapToInt(Integer::intValue).toArray();
    return ChunkHealth.decide(rf, holders, roles::get, inFlight, mayTrim, n -> n);
  }

  @Test
  void aDeadHolderMeansOneMoreCopyFromTheLiveOnes() {
    ChunkHealth h = decide(3, Map.of(1, Role.GOOD, 2, Role.GOOD, 3, Role.DEAD), List.of(), true);
    assertThat(h.copiesNeeded()).isEqualTo(1);
    assertThat(h.sources()).containsExactlyInAnyOrder(1, 2);
    assertThat(h.missing()).isFalse();
  }

  @Test
  void aCopyUnderWayCountsSoItIsNotMadeTwice() {
    ChunkHealth h = decide(3, Map.of(1, Role.GOOD, 2, Role.GOOD), List.of(7), true);
    assertThat(h.copiesNeeded()).isZero();
  }

  @Test
  void extraReplicasAreTrimmedFullestFirstButNotInANewLeadersFirstMoments() {
    Map<Integer, Role> four = Map.of(1, Role.GOOD, 2, Role.GOOD, 3, Role.GOOD, 4, Role.GOOD);
    assertThat(decide(3, four, List.of(), true).trim()).containsExactly(4);
    assertThat(decide(2, four, List.of(), true).trim()).containsExactly(4, 3);
    assertThat(decide(3, four, List.of(), false).trim()).isEmpty();
  }

  @Test
  void aLeavingNodeIsASourceAndIsNeededUntilTheChunkIsWholeElsewhere() {
    ChunkHealth h = decide(3, Map.of(1, Role.GOOD, 2, Role.GOOD, 3, Role.LEAVING), List.of(), true);
    assertThat(h.copiesNeeded()).isEqualTo(1);
    assertThat(h.sources()).contains(3);
    assertThat(h.needs(3)).isTrue();
    assertThat(h.trim()).isEmpty();
    ChunkHealth whole = decide(3, Map.of(1, Role.GOOD, 2, Role.GOOD, 4, Role.GOOD, 3, Role.LEAVING), List.of(), true);
    assertThat(whole.needs(3)).isFalse();
    assertThat(whole.trim()).isEmpty();
  }

  @Test
  void retiredReplicasGoOnlyOnceTheChunkIsWhole() {
    assertThat(decide(3, Map.of(1, Role.GOOD, 2, Role.GOOD, 3, Role.RETIRED), List.of(), true).retire()).isEmpty();
    assertThat(decide(3, Map.of(1, Role.GOOD, 2, Role.GOOD, 4, Role.GOOD, 3, Role.RETIRED), List.of(), true)
        .retire()).containsExactly(3);
  }

  @Test
  void noLiveHolderMeansMissing() {
    ChunkHealth h = decide(3, Map.of(1, Role.DEAD, 2, Role.DEAD), List.of(), true);
    assertThat(h.missing()).isTrue();
    assertThat(h.copiesNeeded()).isEqualTo(3);
  }
}
