package io.bigfs.master.rpc;

import io.bigfs.common.Statuses;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.MasterPeer;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.proto.Status;

/** Whether this master leads, and where to send a client when it does not. */
public final class Leadership {
  private final MasterRaft raft;
  private final MasterConfig config;

  public Leadership(MasterRaft raft, MasterConfig config) {
    this.raft = raft;
    this.config = config;
  }

  public boolean isLeader() {
    return raft.isLeader();
  }

  /** The NOT_LEADER status with the leader's client address when it is known. */
  public Status notLeader() {
    return Statuses.notLeader(raft.leaderId().map(this::rpcAddressOf).orElse(""));
  }

  /** Client address of the master with {@code id}; empty for an unknown id. */
  public String rpcAddressOf(String id) {
    return config.peers().stream().filter(p -> p.id().equals(id)).map(MasterPeer::rpcAddress)
        .findFirst().orElse("");
  }
}
