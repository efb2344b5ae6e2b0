package io.bigfs.it.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromqlNamesTest {
  @Test
  void functionsLabelsAndRangesAreNotMetricNames() {
    assertThat(PromqlNames.of("histogram_quantile(0.99, sum by (le, op) "
        + "(rate(bfs_master_op_seconds_bucket{role=\"master\",cluster=~\"$cluster\"}[$__rate_interval])))"))
        .containsExactly("bfs_master_op_seconds_bucket");
  }

  @Test
  void bothSidesOfABinaryOperationAreRead() {
    assertThat(PromqlNames.of("max(bfs_master_chunks_missing and on (instance) (bfs_master_raft_leader == 1)) > 0"))
        .containsExactly("bfs_master_chunks_missing", "bfs_master_raft_leader");
    assertThat(PromqlNames.of("a_used / ignoring(dir) group_left(x) b_capacity > bool 0.9"))
        .containsExactly("a_used", "b_capacity");
  }

  @Test
  void numbersDurationsAndKeywordsAreNotMetricNames() {
    assertThat(PromqlNames.of("sum without (instance) (x_total offset 5m) * 1e3 + 0x1F unless y or Inf"))
        .containsExactly("x_total", "y");
  }

  @Test
  void namesInsideStringsAreNotRead() {
    assertThat(PromqlNames.of("label_replace(up{job=\"bfs_not_a_metric\"}, \"dst\", '$1', 'src', \"(.*)\")"))
        .containsExactly("up");
  }

  @Test
  void aSpaceBeforeTheParenthesisStillMakesAFunctionCall() {
    assertThat(PromqlNames.of("absent (bfs_master_raft_leader)")).containsExactly("bfs_master_raft_leader");
  }
}
