package io.bigfs.master.node;

import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.StatusCode;

import java.util.function.BiConsumer;

/**
 * Chunks being written have replicas before any node reports them: the pipeline the leader
 * chose. Every master records it when the allocation is applied, so that readers of a file
 * still being written, and a new leader recovering a lease, know where to look.
 */
public final class WrittenReplicas implements BiConsumer<MasterCommand, MutateReply> {
  private final ReplicaMap replicas;

  public WrittenReplicas(ReplicaMap replicas) {
    this.replicas = replicas;
  }

  @Override
  public void accept(MasterCommand command, MutateReply reply) {
    if (!command.hasClient() || reply.getStatus().getCode() != StatusCode.OK || !reply.hasChunk()) {
      return;
    }
    MutateRequest request = command.getClient();
    long chunkId = reply.getChunk().getChunkId();
    if (request.hasUpdatePipeline()) {
      request.getUpdatePipeline().getFailedList().forEach(node -> replicas.remove(chunkId, node));
    }
    // A create that brought chunk 0 along allocated it as add_chunk would.
    if (request.hasAddChunk() || request.hasUpdatePipeline() || request.hasCreate()) {
      for (NodeLocation n : reply.getChunk().getLocationsList()) {
        replicas.add(chunkId, n.getNodeId());
      }
    }
  }
}
