package io.bigfs.master.node;

import io.bigfs.proto.HeartbeatRequest;

/**
 * What a master knows of one chunkserver from its heartbeats. Immutable: each heartbeat
 * replaces the node's state, so readers never see half an update.
 *
 * @param scheduledChunks chunks this master placed on the node since its last heartbeat (so that a
 *                        burst of creates does not pile onto the node that looked emptiest)
 * @param reported        whether the node's full block report has arrived since this master started
 * @param heartbeats      heartbeats this master has had from the node (to tell whether the node has
 *                        reported since some moment, whatever its heartbeat interval)
 */
public record NodeState(int id, String uuid, String address, String rack, long capacityBytes, long usedBytes,
                        long storedBytes, long chunkCount, int activeTransfers, boolean acceptingWrites,
                        long lastHeartbeatMs, int scheduledChunks, boolean reported, long heartbeats) {

  static NodeState fromHeartbeat(HeartbeatRequest hb, long now, boolean reported, long heartbeats) {
    return new NodeState(hb.getNodeId(), hb.getUuid(), hb.getAddress(), hb.getRack(), hb.getCapacityBytes(),
        hb.getUsedBytes(), hb.getStoredBytes(), hb.getChunkCount(), hb.getActiveTransfers(), hb.getAcceptingWrites(),
        now, 0, reported, heartbeats);
  }

  public boolean isLive(long now, long deadAfterMs) {
    return now - lastHeartbeatMs < deadAfterMs;
  }

  /** Share of the node's capacity held in replicas, in percent: what rebalancing evens out. */
  public double storedPercent() {
    return capacityBytes == 0 ? 0 : 100.0 * storedBytes / capacityBytes;
  }

  public long freeBytes() {
    return Math.max(0, capacityBytes - usedBytes);
  }

  NodeState withScheduled(int more) {
    return new NodeState(id, uuid, address, rack, capacityBytes, usedBytes, storedBytes, chunkCount, activeTransfers,
        acceptingWrites, lastHeartbeatMs, scheduledChunks + more, reported, heartbeats);
  }

  NodeState withReported(boolean fullReportReceived) {
    return new NodeState(id, uuid, address, rack, capacityBytes, usedBytes, storedBytes, chunkCount, activeTransfers,
        acceptingWrites, lastHeartbeatMs, scheduledChunks, fullReportReceived, heartbeats);
  }
}
