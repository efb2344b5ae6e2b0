package io.bigfs.master.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.Replies;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.node.NodeState;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.View;
import io.bigfs.proto.AdminServiceGrpc;
import io.bigfs.proto.ListNodesReply;
import io.bigfs.proto.ListNodesRequest;
import io.bigfs.proto.MasterInfoReply;
import io.bigfs.proto.MasterInfoRequest;
import io.bigfs.proto.NodeInfo;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TakeSnapshotReply;
import io.bigfs.proto.TakeSnapshotRequest;
import io.bigfs.proto.store.NodeRecord;
import io.grpc.stub.StreamObserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Operators' questions: the chunkservers as the leader sees them, each master's Raft state, snapshots. */
public final class AdminRpc extends AdminServiceGrpc.AdminServiceImplBase {
  private final Leadership leadership;
  private final MasterRaft raft;
  private final MasterStateMachine stateMachine;
  private final NodeTable nodes;
  private final MasterConfig config;

  AdminRpc(Leadership leadership, MasterRaft raft, MasterStateMachine stateMachine, NodeTable nodes,
           MasterConfig config) {
    this.leadership = leadership;
    this.raft = raft;
    this.stateMachine = stateMachine;
    this.nodes = nodes;
    this.config = config;
  }

  /** Every registered chunkserver, with what the latest heartbeat said; silent ones are DEAD. */
  @Override
  public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> out) {
    if (!leadership.isLeader()) {
      Replies.send(out, ListNodesReply.newBuilder().setStatus(leadership.notLeader()).build());
      return;
    }
    List<NodeInfo> infos = new ArrayList<>();
    try (View view = stateMachine.namespace().store().view();
         KvCursor c = view.scan(Cf.NODES, new byte[0], null)) {
      while (c.next()) {
        NodeRecord record = NodeRecord.parseFrom(c.value());
        String uuid = new String(c.key(), StandardCharsets.UTF_8);
        infos.add(info(record, uuid, nodes.get(record.getNodeId()).orElse(null)));
      }
    } catch (InvalidProtocolBufferException e) {
      Replies.send(out, ListNodesReply.newBuilder()
          .setStatus(Statuses.of(StatusCode.INTERNAL, "corrupt node record")).build());
      return;
    }
    infos.sort(Comparator.comparingInt(NodeInfo::getNodeId));
    Replies.send(out, ListNodesReply.newBuilder().setStatus(Statuses.ok()).addAllNodes(infos).build());
  }

  private NodeInfo info(NodeRecord record, String uuid, NodeState state) {
    NodeInfo.Builder b = NodeInfo.newBuilder().setNodeId(record.getNodeId()).setUuid(uuid)
        .setAddress(record.getAddress()).setRack(record.getRack()).setState("DEAD");
    if (state != null) {
      b.setAddress(state.address())
          .setState(state.isLive(nodes.now(), nodes.deadAfterMs()) ? "LIVE" : "DEAD")
          .setCapacityBytes(state.capacityBytes())
          .setUsedBytes(state.usedBytes())
          .setChunkCount(state.chunkCount())
          .setLastHeartbeatMs(state.lastHeartbeatMs())
          .setActiveTransfers(state.activeTransfers())
          .setAcceptingWrites(state.acceptingWrites());
    }
    return b.build();
  }

  /** This master's own view; never redirected. */
  @Override
  public void masterInfo(MasterInfoRequest request, StreamObserver<MasterInfoReply> out) {
    MasterRaft.RaftStatus s = raft.status();
    Replies.send(out, MasterInfoReply.newBuilder().setStatus(Statuses.ok())
        .setId(config.id())
        .setRole(s.role())
        .setTerm(s.term())
        .setCommitIndex(Math.max(0, s.commitIndex()))
        .setAppliedIndex(Math.max(0, s.appliedIndex()))
        .setLeaderId(s.leaderId())
        .setAddress(config.self().rpcAddress())
        .setSnapshotIndex(Math.max(0, stateMachine.snapshotIndex()))
        .setClusterId(config.clusterName())
        .build());
  }

  /** Snapshots this master now; the log behind the snapshot is purged. */
  @Override
  public void takeSnapshot(TakeSnapshotRequest request, StreamObserver<TakeSnapshotReply> out) {
    try {
      long index = raft.takeSnapshot(30_000);
      Replies.send(out, TakeSnapshotReply.newBuilder().setStatus(Statuses.ok()).setSnapshotIndex(index).build());
    } catch (Exception e) {
      Replies.send(out, TakeSnapshotReply.newBuilder()
          .setStatus(Statuses.of(StatusCode.UNAVAILABLE, "snapshot failed: " + e.getMessage())).build());
    }
  }
}
