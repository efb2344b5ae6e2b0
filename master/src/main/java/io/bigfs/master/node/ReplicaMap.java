package io.bigfs.master.node;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;

import java.util.Arrays;

/**
 * Which chunkservers hold which chunk: soft state rebuilt from block reports, the one structure
 * of a master that grows with the data. Up to three node ids are packed into one long per chunk
 * (21 bits each) in a primitive hash map, about 20 bytes per chunk; chunks with more replicas
 * spill into a small side map.
 */
public final class ReplicaMap {
  static final int SLOT_BITS = 21;
  static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
  public static final int MAX_NODE_ID = (int) SLOT_MASK;
  private static final int[] NONE = new int[0];

  private final Long2LongOpenHashMap packed = new Long2LongOpenHashMap();
  private final Long2ObjectOpenHashMap<int[]> spilled = new Long2ObjectOpenHashMap<>();

  /** Records that {@code nodeId} holds {@code chunkId}. */
  public synchronized void add(long chunkId, int nodeId) {
    checkNode(nodeId);
    int[] more = spilled.get(chunkId);
    if (more != null) {
      if (indexOf(more, nodeId) < 0) {
        int[] grown = Arrays.copyOf(more, more.length + 1);
        grown[more.length] = nodeId;
        spilled.put(chunkId, grown);
      }
      return;
    }
    long slots = packed.get(chunkId);
    for (int i = 0; i < 3; i++) {
      long slot = slot(slots, i);
      if (slot == nodeId) {
        return;
      }
      if (slot == 0) {
        packed.put(chunkId, slots | ((long) nodeId << (i * SLOT_BITS)));
        return;
      }
    }
    // A fourth replica: move the chunk to the side map.
    packed.remove(chunkId);
    spilled.put(chunkId, new int[] {(int) slot(slots, 0), (int) slot(slots, 1), (int) slot(slots, 2), nodeId});
  }

  /** Records that {@code nodeId} no longer holds {@code chunkId}. */
  public synchronized void remove(long chunkId, int nodeId) {
    int[] more = spilled.get(chunkId);
    if (more != null) {
      int i = indexOf(more, nodeId);
      if (i >= 0) {
        int[] shrunk = new int[more.length - 1];
        System.arraycopy(more, 0, shrunk, 0, i);
        System.arraycopy(more, i + 1, shrunk, i, more.length - i - 1);
        spilled.remove(chunkId);
        for (int n : shrunk) {
          add(chunkId, n);
        }
      }
      return;
    }
    long slots = packed.get(chunkId);
    long kept = 0;
    int k = 0;
    for (int i = 0; i < 3; i++) {
      long slot = slot(slots, i);
      if (slot != 0 && slot != nodeId) {
        kept |= slot << (k++ * SLOT_BITS);
      }
    }
    if (kept == 0) {
      packed.remove(chunkId);
    } else {
      packed.put(chunkId, kept);
    }
  }

  /** Whether the map lists {@code nodeId} as holding {@code chunkId}. */
  public boolean holds(long chunkId, int nodeId) {
    return contains(nodesOf(chunkId), nodeId);
  }

  /** Whether {@code node} is one of {@code nodes} (a chunk's holders). */
  static boolean contains(int[] nodes, int node) {
    for (int n : nodes) {
      if (n == node) {
        return true;
      }
    }
    return false;
  }

  /** The nodes holding {@code chunkId}, in the order they were reported. */
  public synchronized int[] nodesOf(long chunkId) {
    int[] more = spilled.get(chunkId);
    if (more != null) {
      return more.clone();
    }
    long slots = packed.get(chunkId);
    int n = 0;
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      long slot = slot(slots, i);
      if (slot != 0) {
        out[n++] = (int) slot;
      }
    }
    return n == 0 ? NONE : Arrays.copyOf(out, n);
  }

  /**
   * Replaces everything known about {@code nodeId} with a full block report: chunks it no
   * longer lists are forgotten for it (unless {@code keepIfUnlisted} says otherwise), the listed
   * ones recorded.
   */
  public synchronized void replaceNode(int nodeId, LongSet reported, java.util.function.LongPredicate keepIfUnlisted) {
    LongSet stale = new LongOpenHashSet();
    packed.long2LongEntrySet().fastForEach(e -> {
      if (contains(e.getLongValue(), nodeId) && !reported.contains(e.getLongKey())) {
        stale.add(e.getLongKey());
      }
    });
    spilled.long2ObjectEntrySet().fastForEach(e -> {
      if (indexOf(e.getValue(), nodeId) >= 0 && !reported.contains(e.getLongKey())) {
        stale.add(e.getLongKey());
      }
    });
    stale.forEach(chunkId -> {
      if (!keepIfUnlisted.test(chunkId)) {
        remove(chunkId, nodeId);
      }
    });
    reported.forEach(chunkId -> add(chunkId, nodeId));
  }

  /** Up to {@code max} chunks that {@code nodeId} holds. */
  public synchronized long[] chunksOn(int nodeId, int max) {
    LongOpenHashSet found = new LongOpenHashSet();
    for (var e : packed.long2LongEntrySet()) {
      if (found.size() >= max) {
        break;
      }
      if (contains(e.getLongValue(), nodeId)) {
        found.add(e.getLongKey());
      }
    }
    for (var e : spilled.long2ObjectEntrySet()) {
      if (found.size() >= max) {
        break;
      }
      if (indexOf(e.getValue(), nodeId) >= 0) {
        found.add(e.getLongKey());
      }
    }
    return found.toLongArray();
  }

  /** Chunks with at least one replica. */
  public synchronized long size() {
    return packed.size() + spilled.size();
  }

  private static long slot(long slots, int i) {
    return (slots >>> (i * SLOT_BITS)) & SLOT_MASK;
  }

  private static boolean contains(long slots, int nodeId) {
    return slot(slots, 0) == nodeId || slot(slots, 1) == nodeId || slot(slots, 2) == nodeId;
  }

  private static int indexOf(int[] nodes, int nodeId) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] == nodeId) {
        return i;
      }
    }
    return -1;
  }

  private static void checkNode(int nodeId) {
    if (nodeId <= 0 || nodeId > MAX_NODE_ID) {
      throw new IllegalArgumentException("node id " + nodeId + " out of range");
    }
  }
}
