package io.bigfs.common.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScrapeTest {
  static final String TEXT = """
      # HELP bfs_master_op_seconds Namespace requests
      # TYPE bfs_master_op_seconds histogram
      bfs_master_op_seconds_bucket{instance_id="m1",op="create",role="master",le="0.005",} 3.0
      bfs_master_op_seconds_bucket{instance_id="m1",op="create",role="master",le="+Inf",} 5.0
      bfs_master_op_seconds_count{instance_id="m1",op="create",role="master",} 5.0
      bfs_master_op_seconds_count{instance_id="m1",op="mkdirs",role="master",} 2.0
      bfs_chunkserver_disk_used_bytes{dir="/data/a \\"quoted\\", \\\\ and {braces}",} 1.5E9
      bfs_master_snapshot_age_seconds NaN
      process_start_time_seconds 1.7E9 1700000000000
      """;

  @Test
  void readsNamesLabelsAndValues() {
    Scrape s = Scrape.parse(TEXT);
    assertThat(s.names()).contains("bfs_master_op_seconds_bucket", "bfs_master_op_seconds_count",
        "bfs_chunkserver_disk_used_bytes", "bfs_master_snapshot_age_seconds", "process_start_time_seconds")
        .doesNotContain("bfs_master_op_seconds");
    assertThat(s.sum("bfs_master_op_seconds_count")).isEqualTo(7.0);
    assertThat(s.sum("bfs_master_op_seconds_count", Map.of("op", "create"))).isEqualTo(5.0);
    assertThat(s.sum("bfs_master_op_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(5.0);
    assertThat(s.all("bfs_chunkserver_disk_used_bytes", Map.of()).get(0).label("dir"))
        .isEqualTo("/data/a \"quoted\", \\ and {braces}");
    assertThat(s.value("bfs_chunkserver_disk_used_bytes")).isEqualTo(1.5e9);
    assertThat(s.value("bfs_master_snapshot_age_seconds")).isNaN();
    assertThat(s.value("process_start_time_seconds")).isEqualTo(1.7e9);
    assertThat(s.value("no_such_metric")).isNaN();
    assertThat(s.commonLabel("role")).isEqualTo("master");
  }

  @Test
  void rejectsALineThatIsNotASample() {
    assertThatThrownBy(() -> Scrape.parse("bfs_x{a=\"1\" 2\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1");
  }
}
