package io.bigfs.master.node;

import io.bigfs.proto.HeartbeatRequest;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The chunkservers this master hears from. Every master keeps its own table from the
 * heartbeats sent to all three, so a new leader knows the cluster at once.
 */
public final class NodeTable {
  private final ConcurrentMap<Integer, NodeState> nodes = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final long deadAfterMs;

  public NodeTable(LongSupplier clock, long deadAfterMs) {
    this.clock = clock;
    this.deadAfterMs = deadAfterMs;
  }

  /** Records a heartbeat; returns the node's new state. */
  public NodeState heartbeat(HeartbeatRequest hb) {
    long now = clock.getAsLong();
    return nodes.compute(hb.getNodeId(), (id, old) ->
        NodeState.fromHeartbeat(hb, now, old != null && old.reported() && old.uuid().equals(hb.getUuid()),
            old == null ? 1 : old.heartbeats() + 1));
  }

  public void markReported(int nodeId) {
    nodes.computeIfPresent(nodeId, (id, n) -> n.withReported(true));
  }

  /**
   * Asks every node for a full block report with its next heartbeat. A new leader does this: a
   * replica that it, as a follower, found invalid in a report (an old version, a deleted file's,
   * a failed write's leftover) was not counted and, followers ordering no deletes, is still on its
   * node; judged again as leader, it is ordered deleted instead of blocking a copy there forever.
   */
  public void requestFullReports() {
    nodes.replaceAll((id, n) -> n.withReported(false));
  }

  /** Counts chunks just placed on a node until its next heartbeat reports them. */
  public void schedule(int nodeId) {
    nodes.computeIfPresent(nodeId, (id, n) -> n.withScheduled(1));
  }

  public Optional<NodeState> get(int nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  public boolean isLive(int nodeId) {
    NodeState n = nodes.get(nodeId);
    return n != null && n.isLive(clock.getAsLong(), deadAfterMs);
  }

  public List<NodeState> live() {
    long now = clock.getAsLong();
    return nodes.values().stream().filter(n -> n.isLive(now, deadAfterMs)).toList();
  }

  public Collection<NodeState> all() {
    return List.copyOf(nodes.values());
  }

  public long now() {
    return clock.getAsLong();
  }

  public long deadAfterMs() {
    return deadAfterMs;
  }
}
