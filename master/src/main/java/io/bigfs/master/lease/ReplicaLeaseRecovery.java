package io.bigfs.master.lease;

import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.namespace.OpenFile;
import io.bigfs.master.node.NodeState;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.ReplicaMap;
import io.bigfs.master.store.View;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.GetReplicaReply;
import io.bigfs.proto.GetReplicaRequest;
import io.bigfs.proto.RecoverReplicaReply;
import io.bigfs.proto.RecoverReplicaRequest;
import io.bigfs.proto.RecoveredFile;
import io.bigfs.proto.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Decides how long each file of a vanished writer is. Every packet acknowledged to the writer
 * is on every replica of the pipeline, so the shortest reachable replica of the last chunk holds
 * at least everything acknowledged: the file is cut there, and those replicas are finalized at
 * that length under a new chunk version (a replica that missed the recovery is then stale).
 */
public final class ReplicaLeaseRecovery implements LeaseRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaLeaseRecovery.class);
  private static final long RPC_TIMEOUT_S = 10;

  private final Supplier<Namespace> namespace;
  private final ReplicaMap replicas;
  private final NodeTable nodes;
  private final ChannelPool channels;

  public ReplicaLeaseRecovery(Supplier<Namespace> namespace, ReplicaMap replicas, NodeTable nodes,
                              ChannelPool channels) {
    this.namespace = namespace;
    this.replicas = replicas;
    this.nodes = nodes;
    this.channels = channels;
  }

  @Override
  public List<RecoveredFile> recover(byte[] holder) {
    List<OpenFile> files;
    try (View view = namespace.get().store().view()) {
      files = OpenFile.of(view, holder);
    }
    List<RecoveredFile> out = new ArrayList<>();
    for (OpenFile f : files) {
      if (f.chunkCount() > 0 && !f.lastComplete()) {
        out.add(recoverLastChunk(f));
      }
    }
    return out;
  }

  private RecoveredFile recoverLastChunk(OpenFile f) {
    List<NodeState> holders = new ArrayList<>();
    long shortest = Long.MAX_VALUE;
    for (int id : replicas.nodesOf(f.lastChunkId())) {
      Optional<NodeState> node = nodes.get(id).filter(n -> nodes.isLive(n.id()));
      if (node.isEmpty()) {
        continue;
      }
      try {
        GetReplicaReply r = ChunkServiceGrpc.newBlockingStub(channels.get(node.get().address()))
            .withDeadlineAfter(RPC_TIMEOUT_S, TimeUnit.SECONDS)
            .getReplica(GetReplicaRequest.newBuilder().setChunkId(f.lastChunkId()).build());
        if (r.getStatus().getCode() == StatusCode.OK && r.getVersion() >= f.lastVersion()) {
          holders.add(node.get());
          shortest = Math.min(shortest, r.getLength());
        }
      } catch (RuntimeException e) {
        LOG.info("{}: node {} did not answer about chunk {}: {}", f.path(), id, f.lastChunkId(), e.getMessage());
      }
    }
    if (holders.isEmpty()) {
      LOG.warn("{}: no replica of its last chunk {} answered; the file ends before it", f.path(), f.lastChunkId());
      return RecoveredFile.newBuilder().setInodeId(f.inodeId()).setLength(f.lastChunkOffset()).build();
    }
    long newVersion = f.lastVersion() + 1;
    int finalized = 0;
    for (NodeState node : holders) {
      try {
        RecoverReplicaReply r = ChunkServiceGrpc.newBlockingStub(channels.get(node.address()))
            .withDeadlineAfter(RPC_TIMEOUT_S, TimeUnit.SECONDS)
            .recoverReplica(RecoverReplicaRequest.newBuilder().setChunkId(f.lastChunkId())
                .setOldVersion(f.lastVersion()).setNewVersion(newVersion).setLength(shortest).setFinalize(true)
                .build());
        if (r.getStatus().getCode() == StatusCode.OK) {
          finalized++;
        } else {
          LOG.info("{}: node {} could not recover chunk {}: {}", f.path(), node.id(), f.lastChunkId(),
              r.getStatus().getMessage());
        }
      } catch (RuntimeException e) {
        LOG.info("{}: node {} could not recover chunk {}: {}", f.path(), node.id(), f.lastChunkId(), e.getMessage());
      }
    }
    if (finalized == 0) {
      return RecoveredFile.newBuilder().setInodeId(f.inodeId()).setLength(f.lastChunkOffset()).build();
    }
    LOG.info("{}: recovered at {} bytes ({} replicas of its last chunk)", f.path(),
        f.lastChunkOffset() + shortest, finalized);
    return RecoveredFile.newBuilder().setInodeId(f.inodeId()).setLength(f.lastChunkOffset() + shortest)
        .setLastChunkVersion(newVersion).build();
  }
}
