package io.bigfs.client;

import io.bigfs.proto.NodeInfo;

/**
 * A chunkserver as the leader master sees it.
 *
 * @param state           LIVE, DEAD, DECOMMISSIONING or DECOMMISSIONED
 * @param usedBytes       bytes used on the node's disks (by anything)
 * @param storedBytes     bytes the node holds in replicas
 * @param lastHeartbeatMs when the leader last heard from it (0: not since the leader started)
 */
public record NodeReport(int nodeId, String uuid, String address, String rack, String state, long capacityBytes,
                         long usedBytes, long storedBytes, long chunkCount, long lastHeartbeatMs, int activeTransfers,
                         boolean acceptingWrites) {

  public static NodeReport of(NodeInfo n) {
    return new NodeReport(n.getNodeId(), n.getUuid(), n.getAddress(), n.getRack(), n.getState(),
        n.getCapacityBytes(), n.getUsedBytes(), n.getStoredBytes(), n.getChunkCount(), n.getLastHeartbeatMs(),
        n.getActiveTransfers(), n.getAcceptingWrites());
  }
}
