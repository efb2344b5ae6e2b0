package io.bigfs.master.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import it.unimi.dsi.fastutil.ints.IntArraySet;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Replicas found corrupt, by readers and by scrubbers. A corrupt replica stops being offered
 * and is ordered deleted, which leaves its chunk under-replicated until the replication monitor
 * has made a good copy; until then the chunk counts as having a corrupt replica.
 */
public final class CorruptReplicas {
  private static final Logger LOG = LoggerFactory.getLogger(CorruptReplicas.class);
  private static final int KEPT = 1000;
  /** Reasons are logged and kept: a caller's megabyte of text is cut short. */
  private static final int MAX_REASON_CHARS = 500;

  /** One report. */
  public record Report(long chunkId, int nodeId, String reason, long timeMs) {}

  private final ReplicaMap replicas;
  private final PendingDeletes deletes;
  private final Counter reported;
  private final Deque<Report> recent = new ArrayDeque<>();
  private final Long2ObjectOpenHashMap<IntArraySet> unresolved = new Long2ObjectOpenHashMap<>();

  public CorruptReplicas(ReplicaMap replicas, PendingDeletes deletes, MeterRegistry metrics) {
    this.replicas = replicas;
    this.deletes = deletes;
    this.reported = Counter.builder("bfs.master.replicas.corrupt.reported")
        .description("Replicas reported corrupt by readers and scrubbers").register(metrics);
    Gauge.builder("bfs.master.replicas.corrupt", this, CorruptReplicas::unresolvedCount)
        .description("Replicas found corrupt whose chunk has not been fully re-replicated yet").register(metrics);
  }

  /**
   * Records a corrupt replica and orders it deleted. Returns false, changing nothing, when this
   * master knows no replica of the chunk at all: a report about a chunk that does not exist (a
   * confused or hostile caller) must not grow the unresolved set or the delete queues. The
   * reported node need not be listed yet: a reader may find a replica whose finalization the
   * node has not heartbeated yet. The caller checks that the node is registered.
   */
  public boolean report(long chunkId, int nodeId, String reason) {
    if (replicas.nodesOf(chunkId).length == 0) {
      return false;
    }
    String shown = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "..." : reason;
    LOG.warn("replica of chunk {} on node {} is corrupt: {}", chunkId, nodeId, shown);
    replicas.remove(chunkId, nodeId);
    deletes.add(nodeId, chunkId);
    reported.increment();
    synchronized (this) {
      unresolved.computeIfAbsent(chunkId, c -> new IntArraySet()).add(nodeId);
      recent.addFirst(new Report(chunkId, nodeId, shown, System.currentTimeMillis()));
      while (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
    return true;
  }

  /** Corrupt replicas of a chunk not yet replaced. */
  public synchronized int unresolved(long chunkId) {
    IntArraySet nodes = unresolved.get(chunkId);
    return nodes == null ? 0 : nodes.size();
  }

  /** The chunk has all its replicas again. */
  public synchronized void resolved(long chunkId) {
    unresolved.remove(chunkId);
  }

  public synchronized int unresolvedCount() {
    return unresolved.values().stream().mapToInt(IntArraySet::size).sum();
  }

  /** The latest reports, newest first. */
  public synchronized List<Report> recent() {
    return List.copyOf(recent);
  }
}
