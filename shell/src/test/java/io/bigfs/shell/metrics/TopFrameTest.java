package io.bigfs.shell.metrics;

import io.bigfs.common.metrics.Scrape;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rates and summaries from two readings taken a known time apart. */
class TopFrameTest {
  static final long SECOND = 1_000_000_000L;

  static String master(String id, int leader, long ops, double opSeconds) {
    return """
        bfs_master_raft_leader{instance_id="%1$s",role="master",} %2$d
        bfs_master_raft_term{instance_id="%1$s",role="master",} 4.0
        bfs_master_raft_applied_index{instance_id="%1$s",role="master",} 120.0
        bfs_master_raft_apply_lag_entries{instance_id="%1$s",role="master",} 0.0
        bfs_master_snapshot_age_seconds{instance_id="%1$s",role="master",} NaN
        bfs_master_op_seconds_count{instance_id="%1$s",op="create",role="master",} %3$d
        bfs_master_op_seconds_sum{instance_id="%1$s",op="create",role="master",} %4$f
        bfs_master_files{instance_id="%1$s",role="master",} 12.0
        bfs_master_directories{instance_id="%1$s",role="master",} 3.0
        bfs_master_chunks{instance_id="%1$s",role="master",} 40.0
        bfs_master_nodes_live{instance_id="%1$s",role="master",} 2.0
        bfs_master_nodes_dead{instance_id="%1$s",role="master",} 1.0
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space",instance_id="%1$s",role="master",} 1048576.0
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen",instance_id="%1$s",role="master",} 1048576.0
        """.formatted(id, leader, ops, opSeconds);
  }

  static String chunkserver(long written, long okRequests, long failedRequests) {
    return """
        bfs_chunkserver_chunks{instance_id="cs:1",role="chunkserver",} 33.0
        bfs_chunkserver_write_bytes_total{instance_id="cs:1",role="chunkserver",} %d
        bfs_chunkserver_requests_total{instance_id="cs:1",op="write",role="chunkserver",status="OK",} %d
        bfs_chunkserver_requests_total{instance_id="cs:1",op="write",role="chunkserver",status="CORRUPT",} %d
        bfs_chunkserver_disk_capacity_bytes{dir="/a",instance_id="cs:1",role="chunkserver",} 1000.0
        bfs_chunkserver_disk_used_bytes{dir="/a",instance_id="cs:1",role="chunkserver",} 250.0
        bfs_chunkserver_disk_capacity_bytes{dir="/b",instance_id="cs:1",role="chunkserver",} 1000.0
        bfs_chunkserver_disk_used_bytes{dir="/b",instance_id="cs:1",role="chunkserver",} 910.0
        """.formatted(written, okRequests, failedRequests);
  }

  static NodeReading reading(String endpoint, long atNanos, String text) {
    return new NodeReading(endpoint, atNanos, Scrape.parse(text), "");
  }

  static String print(TopFrame frame) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    frame.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void ratesAreChangesPerSecondBetweenTwoReadings() {
    List<NodeReading> before = List.of(reading("h:1", 0, master("m1", 1, 100, 1.0)),
        reading("h:2", 0, master("m2", 0, 0, 0)), reading("h:3", 0, chunkserver(0, 10, 0)));
    List<NodeReading> now = List.of(reading("h:1", 2 * SECOND, master("m1", 1, 150, 1.5)),
        reading("h:2", 2 * SECOND, master("m2", 0, 0, 0)), reading("h:3", 2 * SECOND, chunkserver(4 << 20, 14, 2)),
        new NodeReading("h:4", 2 * SECOND, null, "Connection refused"));
    String out = print(new TopFrame(now, Map.of("h:1", before.get(0), "h:2", before.get(1), "h:3", before.get(2))));

    assertThat(out).contains("Cluster: leader m1, 2 masters answering; chunkservers 2 live, 1 dead, - decommissioning")
        .contains("Namespace: 12 files, 3 directories, 40 chunks, - writers");
    // 50 creates in 2 s taking 0.5 s in all: 25/s, 10 ms each; m2 did nothing (no average).
    assertThat(line(out, "m1 ")).contains("leader").containsPattern(" 25\\.0 +0\\.0 +10\\.0 +2\\.0 MiB$");
    assertThat(line(out, "m2 ")).contains("follower").containsPattern(" 0\\.0 +0\\.0 +- +2\\.0 MiB$");
    // 4 MiB in 2 s; 6 requests, 2 of them failed; the fullest disk counts.
    assertThat(line(out, "cs:1 ")).containsPattern("h:3 +33 +91% +2\\.0 MiB/s +- +- +3\\.0 +1\\.0 +- +-$");
    assertThat(line(out, "h:4 ")).contains("Connection refused");
  }

  @Test
  void withoutAnEarlierReadingThereAreNoRates() {
    String out = print(new TopFrame(List.of(reading("h:3", 0, chunkserver(5, 1, 0))), Map.of()));
    assertThat(out).contains("Cluster: no leader among 0 masters answering");
    assertThat(line(out, "cs:1 ")).containsPattern("h:3 +33 +91% +- +- +- +- +- +- +-$");
  }

  static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with '" + prefix + "' in:\n" + text));
  }
}
