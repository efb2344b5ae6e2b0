package io.bigfs.master;

import io.bigfs.master.namespace.Leases;
import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.ReplicaMap;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.master.raft.SnapshotStats;
import io.bigfs.master.store.View;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/** Gauges that describe a master's state: Raft position, namespace totals, chunkservers. */
final class MasterMetrics {
  private MasterMetrics() {}

  static void register(MeterRegistry r, MasterRaft raft, MasterStateMachine sm, NodeTable nodes, ReplicaMap replicas) {
    gauge(r, "bfs.master.raft.leader", "1 when this master is the Raft leader", raft, x -> x.isLeader() ? 1 : 0);
    gauge(r, "bfs.master.raft.term", "Current Raft term", raft, x -> x.status().term());
    gauge(r, "bfs.master.raft.commit.index", "Highest committed Raft index", raft, x -> x.status().commitIndex());
    gauge(r, "bfs.master.raft.applied.index", "Highest applied Raft index", raft, x -> x.status().appliedIndex());
    gauge(r, "bfs.master.raft.apply.lag.entries", "Committed entries not yet applied", raft,
        x -> Math.max(0, x.status().commitIndex() - x.status().appliedIndex()));
    gauge(r, "bfs.master.snapshot.index", "Raft index of the latest snapshot", sm, MasterStateMachine::snapshotIndex);
    // NaN before the first snapshot: an age of 0 would look fresh, and Prometheus compares NaN as false.
    Gauge.builder("bfs.master.snapshot.age", sm, MasterMetrics::snapshotAgeSeconds)
        .baseUnit("seconds").description("Time since this master's latest snapshot was taken or installed")
        .register(r);
    Gauge.builder("bfs.master.snapshot.size", sm, x -> snapshot(x, SnapshotStats::bytes))
        .baseUnit("bytes").description("Size of the latest snapshot, what a lagging follower is sent").register(r);
    gauge(r, "bfs.master.lease.holders", "Clients holding write leases (each may write several files)", sm,
        x -> leases(x).holders());
    gauge(r, "bfs.master.lease.files", "Files open for writing, each under its writer's lease", sm,
        x -> leases(x).files());
    gauge(r, "bfs.master.files", "Files in the namespace", sm, x -> ns(x) == null ? 0 : ns(x).counters().files());
    gauge(r, "bfs.master.directories", "Directories in the namespace, the root excluded", sm,
        x -> ns(x) == null ? 0 : ns(x).counters().directories());
    gauge(r, "bfs.master.chunks", "Chunks in the namespace", sm, x -> ns(x) == null ? 0 : ns(x).counters().chunks());
    gauge(r, "bfs.master.store.bytes", "Size of the RocksDB namespace store's live files", sm,
        x -> ns(x) == null ? 0 : ns(x).store().liveDataBytes());
    gauge(r, "bfs.master.nodes.live", "Chunkservers heard from recently", nodes, x -> x.live().size());
    gauge(r, "bfs.master.nodes.known", "Chunkservers this master has heard from since it started", nodes,
        x -> x.all().size());
    gauge(r, "bfs.master.replica.map.chunks", "Chunks with at least one known replica", replicas, ReplicaMap::size);
  }

  private static Namespace ns(MasterStateMachine sm) {
    return sm.namespace();
  }

  private static double snapshotAgeSeconds(MasterStateMachine sm) {
    return snapshot(sm, s -> (System.currentTimeMillis() - s.takenMs()) / 1e3);
  }

  private static double snapshot(MasterStateMachine sm, ToDoubleFunction<SnapshotStats> f) {
    SnapshotStats s = sm.snapshotStats();
    return s == null ? Double.NaN : f.applyAsDouble(s);
  }

  private static Leases.Counts leases(MasterStateMachine sm) {
    Namespace ns = ns(sm);
    if (ns == null) {
      return new Leases.Counts(0, 0);
    }
    try (View view = ns.store().view()) {
      return Leases.count(view);
    }
  }

  private static <T> void gauge(MeterRegistry r, String name, String description, T target, ToDoubleFunction<T> f) {
    Gauge.builder(name, target, f).description(description).register(r);
  }
}
