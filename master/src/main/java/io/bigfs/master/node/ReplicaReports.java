package io.bigfs.master.node;

import io.bigfs.master.namespace.ChunkLookup;
import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.store.View;
import io.bigfs.proto.ChunkReplica;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Turns what chunkservers report into the replica map, checking each replica against the
 * namespace: replicas of deleted files, orphans and replicas older than the chunk's version
 * are not counted, and the leader orders them deleted.
 */
public final class ReplicaReports {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaReports.class);
  private final ReplicaMap replicas;
  private final PendingDeletes deletes;
  private final Supplier<Namespace> namespace;
  private final BooleanSupplier isLeader;

  public ReplicaReports(ReplicaMap replicas, PendingDeletes deletes, Supplier<Namespace> namespace,
                        BooleanSupplier isLeader) {
    this.replicas = replicas;
    this.deletes = deletes;
    this.namespace = namespace;
    this.isLeader = isLeader;
  }

  /** Replicas a node finalized (or deleted) since its last heartbeat. */
  public void incremental(int nodeId, List<ChunkReplica> added, List<Long> removed) {
    for (long chunkId : removed) {
      replicas.remove(chunkId, nodeId);
    }
    if (added.isEmpty()) {
      return;
    }
    Namespace ns = namespace.get();
    long next = ns.counters().nextChunkId();
    try (View view = ns.store().view()) {
      for (ChunkReplica r : added) {
        if (valid(view, nodeId, r, next)) {
          replicas.add(r.getChunkId(), nodeId);
        } else {
          replicas.remove(r.getChunkId(), nodeId);
        }
      }
    }
  }

  /** A node's whole inventory: what it no longer lists is forgotten for it. */
  public void full(int nodeId, List<ChunkReplica> all) {
    Namespace ns = namespace.get();
    long next = ns.counters().nextChunkId();
    LongOpenHashSet validIds = new LongOpenHashSet(all.size());
    try (View view = ns.store().view()) {
      for (ChunkReplica r : all) {
        if (valid(view, nodeId, r, next)) {
          validIds.add(r.getChunkId());
        }
      }
      // A chunk being written may have reached the node after the report was made: its
      // pipeline, not the report, says where it is until it is finalized.
      replicas.replaceNode(nodeId, validIds, chunkId -> {
        ChunkLookup.Result c = ChunkLookup.lookup(view, chunkId, next);
        return c.kind() == ChunkLookup.Kind.LIVE && !c.complete();
      });
    }
  }

  private boolean valid(View view, int nodeId, ChunkReplica r, long nextChunkId) {
    ChunkLookup.Result c = ChunkLookup.lookup(view, r.getChunkId(), nextChunkId);
    boolean ok = switch (c.kind()) {
      case AHEAD -> true;
      case DELETED, ORPHAN -> false;
      // A complete chunk's good replicas are finalized at the chunk's length; anything else is a
      // leftover of a failed write.
      case LIVE -> r.getVersion() >= c.version()
          && (!c.complete() || r.getFinalized() && r.getLength() == c.length());
    };
    if (!ok && isLeader.getAsBoolean()) {
      LOG.info("node {} reports chunk {} at version {}, {} bytes, {}; the chunk is {}: not counted, deleted unless"
              + " the node reports it good within two heartbeats", nodeId, r.getChunkId(), r.getVersion(),
          r.getLength(), r.getFinalized() ? "finalized" : "unfinished", c.describe());
      deletes.addAfterRecheck(nodeId, r.getChunkId());
    }
    return ok;
  }
}
