package io.bigfs.master.node;

import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;

import java.util.HashMap;
import java.util.Map;

/**
 * Replicas the leader has decided to delete, per node, handed out with that node's heartbeats.
 * A node confirms each deletion in its next heartbeat; an order lost with a leader is simply
 * decided again by the next one, which asks every node for a full report when it takes over.
 */
public final class PendingDeletes {
  /** Orders held per node; beyond this, the rest wait for a later round. */
  static final int MAX_PER_NODE = 200_000;

  private final Map<Integer, LongLinkedOpenHashSet> byNode = new HashMap<>();

  public synchronized void add(int nodeId, long chunkId) {
    LongLinkedOpenHashSet q = byNode.computeIfAbsent(nodeId, n -> new LongLinkedOpenHashSet());
    if (q.size() < MAX_PER_NODE) {
      q.add(chunkId);
    }
  }

  /** Takes up to {@code max} orders for a node. */
  public synchronized long[] drain(int nodeId, int max) {
    LongLinkedOpenHashSet q = byNode.get(nodeId);
    if (q == null || q.isEmpty()) {
      return new long[0];
    }
    long[] out = new long[Math.min(max, q.size())];
    for (int i = 0; i < out.length; i++) {
      out[i] = q.removeFirstLong();
    }
    return out;
  }

  public synchronized int size() {
    return byNode.values().stream().mapToInt(LongLinkedOpenHashSet::size).sum();
  }

  /** Leadership was lost: only a leader orders deletions. */
  public synchronized void clear() {
    byNode.clear();
  }
}
