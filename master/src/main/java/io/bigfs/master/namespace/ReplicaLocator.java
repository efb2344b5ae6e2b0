package io.bigfs.master.namespace;

import io.bigfs.proto.NodeLocation;

import java.util.List;

/** Where the live replicas of a chunk are: soft state from heartbeats, not part of the namespace. */
@FunctionalInterface
public interface ReplicaLocator {
  /** Live replicas of {@code chunkId} at {@code version} or newer, best first for a reader. */
  List<NodeLocation> locate(long chunkId, long version);

  /** Replicas of the chunk found corrupt and not yet replaced. */
  default int corruptReplicas(long chunkId) {
    return 0;
  }
}
