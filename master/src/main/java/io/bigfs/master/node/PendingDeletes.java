package io.bigfs.master.node;

import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Replicas the leader has decided to delete, per node, handed out with that node's heartbeats.
 * A node confirms each deletion in its next heartbeat; an order lost with a leader is simply
 * decided again by the next one, which asks every node for a full report when it takes over.
 *
 * <p>A replica found wanting in a report (unfinished, short, or older than its chunk) is only
 * ordered deleted after a recheck: a full report is a picture taken before it reaches the
 * master, and a replica unfinished in it may have been finalized since, with its chunk completed
 * or its version raised in between. Such a delete waits for the node's second heartbeat after
 * the decision, by which time any later news of the replica has arrived, and is dropped if the
 * replica map counts the replica by then. Deleting a good replica on that race, on every node at
 * once after a leader change asked all of them for reports, lost whole chunks in a chaos run.
 */
public final class PendingDeletes {
  /** Orders held per node; beyond this, the rest wait for a later round. */
  static final int MAX_PER_NODE = 200_000;
  /** Heartbeats a rechecked delete waits: the next one may have been sent before the decision. */
  static final int RECHECK_AFTER_BEATS = 2;

  private record Recheck(long chunkId, long dueBeat) {}

  private final ReplicaMap replicas;
  private final Map<Integer, LongLinkedOpenHashSet> byNode = new HashMap<>();
  private final Map<Integer, Deque<Recheck>> rechecks = new HashMap<>();
  private final Map<Integer, Long> beats = new HashMap<>();

  public PendingDeletes(ReplicaMap replicas) {
    this.replicas = replicas;
  }

  public synchronized void add(int nodeId, long chunkId) {
    LongLinkedOpenHashSet q = byNode.computeIfAbsent(nodeId, n -> new LongLinkedOpenHashSet());
    if (q.size() < MAX_PER_NODE) {
      q.add(chunkId);
    }
  }

  /** Orders a replica deleted once the node has heartbeated twice more, unless it is counted by then. */
  public synchronized void addAfterRecheck(int nodeId, long chunkId) {
    Deque<Recheck> q = rechecks.computeIfAbsent(nodeId, n -> new ArrayDeque<>());
    if (q.size() < MAX_PER_NODE) {
      q.add(new Recheck(chunkId, beats.getOrDefault(nodeId, 0L) + RECHECK_AFTER_BEATS));
    }
  }

  /**
   * A heartbeat from the node has been processed (its reports applied to the replica map):
   * rechecked deletes that are due become orders, except for replicas now counted.
   */
  public synchronized void heartbeat(int nodeId) {
    long beat = beats.merge(nodeId, 1L, Long::sum);
    Deque<Recheck> q = rechecks.get(nodeId);
    while (q != null && !q.isEmpty() && q.peekFirst().dueBeat() <= beat) {
      long chunkId = q.pollFirst().chunkId();
      if (!replicas.holds(chunkId, nodeId)) {
        add(nodeId, chunkId);
      }
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
    return byNode.values().stream().mapToInt(LongLinkedOpenHashSet::size).sum()
        + rechecks.values().stream().mapToInt(Deque::size).sum();
  }

  /** Leadership was lost: only a leader orders deletions. */
  public synchronized void clear() {
    byNode.clear();
    rechecks.clear();
  }
}
