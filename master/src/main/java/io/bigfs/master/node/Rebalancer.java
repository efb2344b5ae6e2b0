package io.bigfs.master.node;

import io.bigfs.master.namespace.ChunkLookup;
import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.store.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Disk use comes from heartbeats, which show a move only some time after it ended (the
 * source's delete order rides on a heartbeat reply; the space it frees on a later heartbeat). A
 * round that planned from use that old would move again what has already moved, and rounds
 * would chase each other, sending the same replicas back and forth. So a round starts moves only
 * once every earlier move has ended and both of its nodes have sent two heartbeats since.
 */
public final class Rebalancer {
  private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);
  /** How long a landed copy may wait for the extra replica to be deleted before the move is forgotten. */
  private static final long TRIM_WAIT_MS = 60_000;
  /** Heartbeats after a move ends by which its nodes' disk use shows it: one carries the delete, one the space. */
  private static final int SETTLE_HEARTBEATS = 2;

  private final Supplier<Namespace> namespace;
  private final ReplicaMap replicas;
  private final NodeTable nodes;
  private final NodeAdmin admin;
  private final ReplicaCopier copier;
  /** chunk -> its move, from the copy's start until the nodes' heartbeats show the move done */
  private final Map<Long, Move> moves = new ConcurrentHashMap<>();

  /** What one round did; {@code movesInFlight} counts moves copying, waiting for the delete, or settling. */
  public record Round(int movesStarted, double spreadBefore, int movesInFlight) {}

  /**
   * One move. Under way while {@code trimmed} is -1: copying, or landed (first seen on the target
   * at {@code landedMs}) and waiting for the extra replica's delete. Then settling: the replica on
   * {@code trimmed} was ordered deleted when it and the target had sent the given heartbeats.
   */
  private record Move(int source, int target, long landedMs, int trimmed, long trimmedBeats, long targetBeats) {
    static Move started(int source, int target) {
      return new Move(source, target, 0, -1, 0, 0);
    }

    boolean underWay() {
      return trimmed < 0;
    }
  }

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
  public synchronized Round round(double threshold, int maxMoves) {
    settle();
    List<NodeState> pool = new ArrayList<>(nodes.live().stream()
        .filter(n -> admin.inService(n.id()) && n.capacityBytes() > 0).toList());
    if (pool.size() < 2) {
      return new Round(0, 0, moves.size());
    }
    double mean = pool.stream().mapToDouble(NodeState::storedPercent).average().orElse(0);
    double spread = pool.stream().mapToDouble(n -> Math.abs(n.storedPercent() - mean)).max().orElse(0);
    if (spread <= threshold || !moves.isEmpty()) {
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
              .filter(n -> projected.get(n.id()) < mean && !ReplicaMap.contains(holders, n.id()) && copier.hasRoom(n.id()))
              .min(Comparator.comparingDouble(n -> projected.get(n.id()))).orElse(null);
          if (target == null) {
            continue; // every emptier node has this chunk already; try another
          }
          ReplicaCopier.Copy copy = new ReplicaCopier.Copy(chunkId, chunk.version(), chunk.length(), source, target);
          if (copier.start(copy)) {
            moves.put(chunkId, Move.started(source.id(), target.id()));
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
    Move move = moves.get(chunkId);
    if (move != null && move.underWay() && move.source() == node) {
      return Double.MAX_VALUE;
    }
    NodeState n = live.get(node);
    return n == null ? 0 : n.storedPercent();
  }

  /** A replica of the chunk was ordered deleted: if the chunk was moving, the move has ended. */
  void moved(long chunkId, int node) {
    moves.computeIfPresent(chunkId, (id, m) -> m.underWay()
        ? new Move(m.source(), m.target(), m.landedMs(), node, heartbeats(node), heartbeats(m.target())) : m);
  }

  /**
   * Forgets the moves that are over: settled ones (both nodes have sent their heartbeats since),
   * failed ones (the target neither holds the chunk nor has a copy coming), and landed ones whose
   * extra replica was not deleted in time.
   */
  private void settle() {
    long now = nodes.now();
    for (Map.Entry<Long, Move> e : moves.entrySet()) {
      long chunkId = e.getKey();
      Move m = e.getValue();
      if (!m.underWay()) {
        if (settled(m.trimmed(), m.trimmedBeats()) && settled(m.target(), m.targetBeats())) {
          moves.remove(chunkId, m);
        }
        continue;
      }
      int[] holders = replicas.nodesOf(chunkId);
      if (!ReplicaMap.contains(holders, m.target())) {
        if (!copier.pendingTargets(chunkId, holders).contains(m.target())) {
          moves.remove(chunkId, m); // the copy failed; the copier said why
        }
      } else if (m.landedMs() == 0) {
        moves.replace(chunkId, m, new Move(m.source(), m.target(), now, -1, 0, 0));
      } else if (now - m.landedMs() > TRIM_WAIT_MS) {
        LOG.info("move of chunk {} from node {} to {}: the extra replica was not deleted within {} ms; forgotten",
            chunkId, m.source(), m.target(), TRIM_WAIT_MS);
        moves.remove(chunkId, m);
      }
    }
  }

  /** Whether a node has sent enough heartbeats since {@code beatsThen} to show a move (or is gone). */
  private boolean settled(int node, long beatsThen) {
    return !nodes.isLive(node) || heartbeats(node) >= beatsThen + SETTLE_HEARTBEATS;
  }

  private long heartbeats(int node) {
    return nodes.get(node).map(NodeState::heartbeats).orElse(0L);
  }
}
