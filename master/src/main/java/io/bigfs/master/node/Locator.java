package io.bigfs.master.node;

import io.bigfs.master.namespace.ReplicaLocator;
import io.bigfs.proto.NodeLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Live replicas of a chunk for readers: least busy node first. */
public final class Locator implements ReplicaLocator {
  private final ReplicaMap replicas;
  private final NodeTable nodes;
  private final CorruptReplicas corrupt;

  public Locator(ReplicaMap replicas, NodeTable nodes, CorruptReplicas corrupt) {
    this.replicas = replicas;
    this.nodes = nodes;
    this.corrupt = corrupt;
  }

  @Override
  public int corruptReplicas(long chunkId) {
    return corrupt.unresolved(chunkId);
  }

  @Override
  public List<NodeLocation> locate(long chunkId, long version) {
    List<NodeState> live = new ArrayList<>();
    for (int id : replicas.nodesOf(chunkId)) {
      nodes.get(id).filter(n -> n.isLive(nodes.now(), nodes.deadAfterMs())).ifPresent(live::add);
    }
    live.sort(Comparator.comparingInt(NodeState::activeTransfers));
    return live.stream()
        .map(n -> NodeLocation.newBuilder().setNodeId(n.id()).setAddress(n.address()).build())
        .toList();
  }
}
