package io.bigfs.shell.metrics;

import io.bigfs.common.config.Sizes;
import io.bigfs.shell.output.Table;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One screen of bfs admin top: a summary from the leader's page, a row per master and per
 * chunkserver, and the pages that did not answer. Rates are per second since the previous
 * reading of the same page; a value a page lacks shows as "-", never as 0.
 */
final class TopFrame {
  private final List<NodeReading> now;
  private final Map<String, NodeReading> before;

  /** @param before the previous reading of each page, by endpoint (empty: no rates yet) */
  TopFrame(List<NodeReading> now, Map<String, NodeReading> before) {
    this.now = now;
    this.before = before;
  }

  void print(PrintStream out) {
    List<NodeReading> masters = of(NodeReading.MASTER);
    List<NodeReading> chunkservers = of(NodeReading.CHUNKSERVER);
    summary(out, masters);
    out.println();
    mastersTable(masters).print(out);
    out.println();
    chunkserversTable(chunkservers).print(out);
    List<NodeReading> down = now.stream().filter(r -> !r.up()).toList();
    if (!down.isEmpty()) {
      out.println();
      Table t = new Table(2).row("NOT ANSWERING", "ERROR");
      down.forEach(r -> t.row(r.endpoint(), r.error()));
      t.print(out);
    }
  }

  private List<NodeReading> of(String role) {
    return now.stream().filter(r -> r.role().equals(role)).sorted(Comparator.comparing(NodeReading::id)).toList();
  }

  private void summary(PrintStream out, List<NodeReading> masters) {
    Optional<NodeReading> leader = masters.stream().filter(m -> m.value("bfs_master_raft_leader") == 1).findFirst();
    if (leader.isEmpty()) {
      out.println("Cluster: no leader among " + masters.size() + " masters answering");
      return;
    }
    NodeReading l = leader.get();
    out.println("Cluster: leader " + l.id() + ", " + masters.size() + " masters answering; chunkservers "
        + count(l.value("bfs_master_nodes_live")) + " live, " + count(l.value("bfs_master_nodes_dead")) + " dead, "
        + count(l.value("bfs_master_nodes_decommissioning")) + " decommissioning");
    out.println("Namespace: " + count(l.value("bfs_master_files")) + " files, "
        + count(l.value("bfs_master_directories")) + " directories, " + count(l.value("bfs_master_chunks"))
        + " chunks, " + count(l.value("bfs_master_lease_holders")) + " writers");
    out.println("Chunks: " + count(l.value("bfs_master_chunks_under_replicated")) + " under-replicated, "
        + count(l.value("bfs_master_chunks_missing")) + " missing, "
        + count(l.value("bfs_master_replicas_corrupt")) + " corrupt replicas, "
        + count(l.value("bfs_master_replication_copies_inflight")) + " copies in flight");
  }

  private Table mastersTable(List<NodeReading> masters) {
    Table t = new Table(11).right(3, 4, 5, 6, 7, 8, 9, 10).row("MASTER", "METRICS", "ROLE", "TERM", "APPLIED",
        "LAG", "SNAPSHOT", "OPS/S", "FAILED/S", "OP MS", "HEAP");
    for (NodeReading m : masters) {
      NodeReading b = before.get(m.endpoint());
      double ops = m.rate(b, "bfs_master_op_seconds_count");
      double seconds = m.rate(b, "bfs_master_op_seconds_sum");
      t.row(m.id(), m.endpoint(), m.value("bfs_master_raft_leader") == 1 ? "leader" : "follower",
          count(m.value("bfs_master_raft_term")), count(m.value("bfs_master_raft_applied_index")),
          count(m.value("bfs_master_raft_apply_lag_entries")), age(m.value("bfs_master_snapshot_age_seconds")),
          rate(ops), rate(m.rateOfEvents(b, "bfs_master_op_failures_total")), rate(ops > 0 ? 1000 * seconds / ops : Double.NaN),
          bytes(m.sum("jvm_memory_used_bytes", Map.of("area", "heap"))));
    }
    return t;
  }

  private Table chunkserversTable(List<NodeReading> chunkservers) {
    Table t = new Table(11).right(2, 3, 4, 5, 6, 7, 8, 9, 10).row("CHUNKSERVER", "METRICS", "CHUNKS", "DISK",
        "WRITE/S", "READ/S", "COPY/S", "REQ/S", "FAILED/S", "SCRUB", "HEAP");
    for (NodeReading c : chunkservers) {
      NodeReading b = before.get(c.endpoint());
      double requests = c.rate(b, "bfs_chunkserver_requests_total");
      double ok = c.rate(b, "bfs_chunkserver_requests_total", Map.of("status", "OK"));
      t.row(c.id(), c.endpoint(), count(c.value("bfs_chunkserver_chunks")), percent(fullestDisk(c)),
          bytesRate(c.rate(b, "bfs_chunkserver_write_bytes_total")),
          bytesRate(c.rate(b, "bfs_chunkserver_read_bytes_total")),
          bytesRate(c.rate(b, "bfs_chunkserver_transfer_bytes_total")), rate(requests), rate(requests - ok),
          percent(c.value("bfs_chunkserver_scrub_progress_ratio")),
          bytes(c.sum("jvm_memory_used_bytes", Map.of("area", "heap"))));
    }
    return t;
  }

  /** The use of the fullest data directory: one full disk refuses writes even when the others have room. */
  private static double fullestDisk(NodeReading c) {
    double worst = Double.NaN;
    for (var capacity : c.scrape().all("bfs_chunkserver_disk_capacity_bytes", Map.of())) {
      double used = c.sum("bfs_chunkserver_disk_used_bytes", Map.of("dir", capacity.label("dir")));
      double share = used / capacity.value();
      worst = Double.isNaN(worst) || share > worst ? share : worst;
    }
    return worst;
  }

  static String count(double v) {
    return Double.isNaN(v) ? "-" : Long.toString(Math.round(v));
  }

  static String rate(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  static String bytes(double v) {
    return Double.isNaN(v) ? "-" : Sizes.human(Math.round(v));
  }

  static String bytesRate(double v) {
    return Double.isNaN(v) ? "-" : Sizes.human(Math.round(v)) + "/s";
  }

  static String percent(double ratio) {
    return Double.isNaN(ratio) ? "-" : Math.round(100 * ratio) + "%";
  }

  /** "42s", "7m", "3h": how old the latest snapshot is. */
  static String age(double seconds) {
    if (Double.isNaN(seconds)) {
      return "-";
    }
    long s = Math.round(seconds);
    return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" : s / 3600 + "h";
  }
}
