package io.bigfs.master.node;

import io.bigfs.master.namespace.ChunkLookup;
import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.store.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Evens out disk use: replicas move from the chunkservers that hold the largest share of their
 * capacity to those that hold the smallest. A move is a copy; once the copy has landed the chunk
 * has one replica too many, and the replication monitor deletes the one on the source. The
 * chunk never has fewer replicas than before.
 */
public final class Rebalancer {
  private final Supplier<Namespace> namespace;
  private final ReplicaMap replicas;
  private final NodeTable nodes;
  private final NodeAdmin admin;
  private final ReplicaCopier copier;
  /** chunk -> the node its extra replica should be deleted from, once the copy has landed */
  private final Map<Long, Integer> moves = new ConcurrentHashMap<>();

  /** What one round did. */
  public record Round(int movesStarted, double spreadBefore, int movesInFlight) {}

  public Rebalancer(Supplier<Namespace> namespace, ReplicaMap replicas, NodeTable nodes, NodeAdmin admin,
                    ReplicaCopier copier) {
    this.namespace = namespace;
    this.replicas = replicas;
    this.nodes = nodes;
    this.admin = admin;
    this.copier = copier;
  }

  /**
   * Starts up to {@code maxMoves} moves if some node's share of its capacity held in replicas
   * differs from the mean by more than {@code threshold} percentage points.
   */
  public Round round(double threshold, int maxMoves) {
    List<NodeState> pool = new ArrayList<>(nodes.live().stream()
        .filter(n -> admin.inService(n.id()) && n.capacityBytes() > 0).toList());
    if (pool.size() < 2) {
      return new Round(0, 0, moves.size());
    }
    double mean = pool.stream().mapToDouble(NodeState::storedPercent).average().orElse(0);
    double spread = pool.stream().mapToDouble(n -> Math.abs(n.storedPercent() - mean)).max().orElse(0);
    if (spread <= threshold) {
      return new Round(0, spread, moves.size());
    }
    Map<Integer, Double> projected = new HashMap<>();
    pool.forEach(n -> projected.put(n.id(), n.storedPercent()));
    pool.sort(Comparator.comparingDouble(NodeState::storedPercent).reversed());
    int started = 0;
    Namespace ns = namespace.get();
    long next = ns.counters().nextChunkId();
    try (View view = ns.store().view()) {
      for (NodeState source : pool) {
        if (projected.get(source.id()) <= mean || started >= maxMoves) {
          break;
        }
        for (long chunkId : replicas.chunksOn(source.id(), 16 * maxMoves)) {
          if (started >= maxMoves || projected.get(source.id()) <= mean + threshold / 2) {
            break;
          }
          ChunkLookup.Result chunk = ChunkLookup.lookup(view, chunkId, next);
          if (moves.containsKey(chunkId) || chunk.kind() != ChunkLookup.Kind.LIVE || !chunk.complete()) {
            continue;
          }
          int[] holders = replicas.nodesOf(chunkId);
          NodeState target = pool.stream()
              .filter(n -> projected.get(n.id()) < mean && !holds(holders, n.id()) && copier.hasRoom(n.id()))
              .min(Comparator.comparingDouble(n -> projected.get(n.id()))).orElse(null);
          if (target == null) {
            continue; // every emptier node has this chunk already; try another
          }
          ReplicaCopier.Copy copy = new ReplicaCopier.Copy(chunkId, chunk.version(), chunk.length(), source, target);
          if (copier.start(copy, () -> { })) {
            moves.put(chunkId, source.id());
            projected.merge(source.id(), -100.0 * chunk.length() / source.capacityBytes(), Double::sum);
            projected.merge(target.id(), 100.0 * chunk.length() / target.capacityBytes(), Double::sum);
            started++;
          }
        }
      }
    }
    return new Round(started, spread, moves.size());
  }

  /** Which extra replica goes first: a move's source, else the node holding the most. */
  double trimFirst(long chunkId, int node, Map<Integer, NodeState> live) {
    Integer source = moves.get(chunkId);
    if (source != null && source == node) {
      return Double.MAX_VALUE;
    }
    NodeState n = live.get(node);
    return n == null ? 0 : n.storedPercent();
  }

  /** A replica was deleted: if it was a move's source, the move is over. */
  void moved(long chunkId, int node) {
    moves.remove(chunkId, node);
  }

  private static boolean holds(int[] holders, int node) {
    for (int h : holders) {
      if (h == node) {
        return true;
      }
    }
    return false;
  }
}
