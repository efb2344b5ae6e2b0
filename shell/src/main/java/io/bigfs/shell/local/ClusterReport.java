package io.bigfs.shell.local;

import io.bigfs.shell.output.Table;

import java.io.PrintStream;
import java.util.Optional;

/** The table of what runs where, as start, status and restart print it. */
final class ClusterReport {
  private ClusterReport() {}

  static void print(PrintStream out, LocalCluster cluster, NodeProcesses processes) {
    Table table = new Table(7).right(2).row("NODE", "STATE", "PID", "ADDRESS", "RAFT", "READY", "METRICS");
    for (LocalNode n : cluster.nodes()) {
      Optional<ProcessHandle> p = processes.running(n);
      table.row(n.name(), p.isPresent() ? "running" : "stopped", p.map(h -> Long.toString(h.pid())).orElse("-"),
          n.address(), n.raftAddress(), p.isPresent() && Readiness.ready(n) ? "yes" : "no", n.metricsUrl());
    }
    table.print(out);
  }
}
