package io.bigfs.master.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Replicas found corrupt (by readers now, by scrubbers later). The replica stops being offered
 * and is ordered deleted; the most recent reports are kept for operators.
 */
public final class CorruptReplicas {
  private static final Logger LOG = LoggerFactory.getLogger(CorruptReplicas.class);
  private static final int KEPT = 1000;

  /** One report. */
  public record Report(long chunkId, int nodeId, String reason, long timeMs) {}

  private final ReplicaMap replicas;
  private final PendingDeletes deletes;
  private final Counter reported;
  private final Deque<Report> recent = new ArrayDeque<>();

  public CorruptReplicas(ReplicaMap replicas, PendingDeletes deletes, MeterRegistry metrics) {
    this.replicas = replicas;
    this.deletes = deletes;
    this.reported = Counter.builder("bfs.master.replicas.corrupt.reported")
        .description("Replicas reported corrupt by readers and scrubbers").register(metrics);
  }

  public void report(long chunkId, int nodeId, String reason) {
    LOG.warn("replica of chunk {} on node {} is corrupt: {}", chunkId, nodeId, reason);
    replicas.remove(chunkId, nodeId);
    deletes.add(nodeId, chunkId);
    reported.increment();
    synchronized (recent) {
      recent.addFirst(new Report(chunkId, nodeId, reason, System.currentTimeMillis()));
      while (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
  }

  /** The latest reports, newest first. */
  public List<Report> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
