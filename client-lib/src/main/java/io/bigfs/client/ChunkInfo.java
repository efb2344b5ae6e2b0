package io.bigfs.client;

import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.NodeLocation;

import java.util.List;

/**
 * One chunk of a file and the chunkservers that hold live replicas of it, best first.
 *
 * @param complete        false while a writer may still append to the chunk
 * @param nodes           "host:port" of each live replica's chunkserver
 * @param nodeIds         the masters' ids for the same chunkservers, in the same order
 * @param corruptReplicas replicas found corrupt that have not been replaced yet
 */
public record ChunkInfo(int index, long offset, long length, long chunkId, long version, boolean complete,
                        List<String> nodes, List<Integer> nodeIds, int corruptReplicas) {

  public static ChunkInfo of(LocatedChunk c) {
    return new ChunkInfo(c.getIndex(), c.getOffset(), c.getLength(), c.getChunkId(), c.getVersion(),
        c.getComplete(), c.getLocationsList().stream().map(NodeLocation::getAddress).toList(),
        c.getLocationsList().stream().map(NodeLocation::getNodeId).toList(), c.getCorruptReplicas());
  }
}
