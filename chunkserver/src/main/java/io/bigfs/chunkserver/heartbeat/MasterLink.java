package io.bigfs.chunkserver.heartbeat;

import io.bigfs.proto.ChunkReplica;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What one master still has to hear from this node: replicas finalized and removed since the
 * last heartbeat it received. A master that was unreachable too long gets a full report
 * instead of an unbounded backlog.
 */
final class MasterLink {
  static final int MAX_BACKLOG = 100_000;
  static final int MAX_PER_HEARTBEAT = 10_000;

  final String address;
  private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
  private volatile boolean needsFullReport = true;
  volatile long lastFullReportMs;

  MasterLink(String address) {
    this.address = address;
  }

  void added(ChunkReplica replica) {
    offer(replica);
  }

  void removed(long chunkId) {
    offer(chunkId);
  }

  private void offer(Object event) {
    if (needsFullReport) {
      return; // the full report will carry it
    }
    if (pending.size() >= MAX_BACKLOG) {
      needsFullReport = true;
      pending.clear();
      return;
    }
    pending.add(event);
  }

  /** Takes up to {@link #MAX_PER_HEARTBEAT} events; give them back with {@link #requeue} if the send fails. */
  List<Object> drain() {
    List<Object> out = new ArrayList<>();
    Object e;
    while (out.size() < MAX_PER_HEARTBEAT && (e = pending.poll()) != null) {
      out.add(e);
    }
    return out;
  }

  void requeue(List<Object> events) {
    // Order between an add and a later remove of the same chunk matters: a failed send means a
    // full report next time, which is always right.
    if (!events.isEmpty()) {
      needsFullReport = true;
      pending.clear();
    }
  }

  boolean needsFullReport() {
    return needsFullReport;
  }

  /** Called just before a full report is built: events from now on are sent incrementally. */
  void startFullReport() {
    needsFullReport = false;
    pending.clear();
  }

  void fullReportFailed() {
    needsFullReport = true;
  }
}
