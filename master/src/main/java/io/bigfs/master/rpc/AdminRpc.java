package io.bigfs.master.rpc;

import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.Replies;
import io.bigfs.common.security.Caller;
import io.bigfs.master.access.OperatorRequest;
import io.bigfs.master.namespace.RegisteredNode;
import io.bigfs.master.node.NodeState;
import io.bigfs.master.node.Rebalancer;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.store.StateDigest;
import io.bigfs.proto.AdminServiceGrpc;
import io.bigfs.proto.DigestStateReply;
import io.bigfs.proto.DigestStateRequest;
import io.bigfs.proto.FamilyDigest;
import io.bigfs.proto.IssueTokenReply;
import io.bigfs.proto.IssueTokenRequest;
import io.bigfs.proto.ListNodesReply;
import io.bigfs.proto.ListNodesRequest;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MasterInfoReply;
import io.bigfs.proto.MasterInfoRequest;
import io.bigfs.proto.NodeInfo;
import io.bigfs.proto.RebalanceReply;
import io.bigfs.proto.RebalanceRequest;
import io.bigfs.proto.SetNodeStateOp;
import io.bigfs.proto.SetNodeStateReply;
import io.bigfs.proto.SetNodeStateRequest;
import io.bigfs.proto.Status;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TakeSnapshotReply;
import io.bigfs.proto.TakeSnapshotRequest;
import io.bigfs.proto.store.NodeAdminState;
import io.grpc.stub.StreamObserver;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Operators' requests: the chunkservers as the leader sees them, each master's Raft state,
 * snapshots, decommissioning and rebalancing. The last three change the cluster: when
 * permissions are on they are the superuser's, and each is written to the audit log.
 */
public final class AdminRpc extends AdminServiceGrpc.AdminServiceImplBase {
  /** A node's id, uuid or host:port is far shorter; longer names are refused before they are echoed or logged. */
  private static final int MAX_NODE_NAME_CHARS = 300;
  private static final int MAX_MOVES_PER_ROUND = 100_000;

  private final MasterServices.Parts p;

  AdminRpc(MasterServices.Parts parts) {
    this.p = parts;
  }

  /** Token mode: a user token, for the superuser only; any master answers (no log entry is needed). */
  @Override
  public void issueToken(IssueTokenRequest request, StreamObserver<IssueTokenReply> out) {
    Replies.send(out, p.tokens().issue(request, Caller.AUTHENTICATED_USER.get()));
  }

  /** Every registered chunkserver, with what the latest heartbeat said; silent ones are DEAD. */
  @Override
  public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> out) {
    if (!p.leadership().isLeader()) {
      Replies.send(out, ListNodesReply.newBuilder().setStatus(p.leadership().notLeader()).build());
      return;
    }
    List<NodeInfo> infos = p.admin().all().stream().map(this::info)
        .sorted(Comparator.comparingInt(NodeInfo::getNodeId)).toList();
    Replies.send(out, ListNodesReply.newBuilder().setStatus(Statuses.ok()).addAllNodes(infos).build());
  }

  private NodeInfo info(RegisteredNode node) {
    NodeState state = p.nodes().get(node.id()).orElse(null);
    boolean live = state != null && p.nodes().isLive(node.id());
    String shown = switch (node.state()) {
      case DECOMMISSIONING -> "DECOMMISSIONING";
      case DECOMMISSIONED -> "DECOMMISSIONED";
      default -> live ? "LIVE" : "DEAD";
    };
    NodeInfo.Builder b = NodeInfo.newBuilder().setNodeId(node.id()).setUuid(node.uuid())
        .setAddress(node.address()).setRack(node.rack()).setState(shown);
    if (state != null) {
      b.setAddress(state.address())
          .setCapacityBytes(state.capacityBytes())
          .setUsedBytes(state.usedBytes())
          .setStoredBytes(state.storedBytes())
          .setChunkCount(state.chunkCount())
          .setLastHeartbeatMs(state.lastHeartbeatMs())
          .setActiveTransfers(state.activeTransfers())
          .setAcceptingWrites(state.acceptingWrites() && node.inService());
    }
    return b.build();
  }

  /** This master's own view; never redirected. */
  @Override
  public void masterInfo(MasterInfoRequest request, StreamObserver<MasterInfoReply> out) {
    MasterRaft.RaftStatus s = p.raft().status();
    Replies.send(out, MasterInfoReply.newBuilder().setStatus(Statuses.ok())
        .setId(p.config().id())
        .setRole(s.role())
        .setTerm(s.term())
        .setCommitIndex(Math.max(0, s.commitIndex()))
        .setAppliedIndex(Math.max(0, s.appliedIndex()))
        .setLeaderId(s.leaderId())
        .setAddress(p.config().self().rpcAddress())
        .setSnapshotIndex(Math.max(0, p.stateMachine().snapshotIndex()))
        .setClusterId(p.config().clusterName())
        .build());
  }

  /** This master's state digest; never redirected, since comparing the masters is the point. */
  @Override
  public void digestState(DigestStateRequest request, StreamObserver<DigestStateReply> out) {
    StateDigest d = p.stateMachine().digest();
    DigestStateReply.Builder reply = DigestStateReply.newBuilder().setStatus(Statuses.ok()).setId(p.config().id())
        .setAppliedIndex(Math.max(0, d.appliedIndex())).setEntries(d.entries()).setSha256(d.sha256());
    d.families().forEach(f -> reply.addFamilies(FamilyDigest.newBuilder().setName(f.name()).setEntries(f.entries())
        .setSha256(f.sha256())));
    Replies.send(out, reply.build());
  }

  /** Snapshots this master now; the log behind the snapshot is purged. */
  @Override
  public void takeSnapshot(TakeSnapshotRequest request, StreamObserver<TakeSnapshotReply> out) {
    OperatorRequest operator = operator(request.getUser(), "take_snapshot", p.config().id());
    if (operator.refusal() != null) {
      Replies.send(out, TakeSnapshotReply.newBuilder().setStatus(operator.refusal()).build());
      return;
    }
    TakeSnapshotReply reply;
    try {
      long index = p.raft().takeSnapshot(30_000);
      reply = TakeSnapshotReply.newBuilder().setStatus(Statuses.ok()).setSnapshotIndex(index).build();
    } catch (Exception e) {
      reply = TakeSnapshotReply.newBuilder()
          .setStatus(Statuses.of(StatusCode.UNAVAILABLE, "snapshot failed: " + e.getMessage())).build();
    }
    operator.audit(reply.getStatus());
    Replies.send(out, reply);
  }

  private OperatorRequest operator(String declaredUser, String op, String subject) {
    return OperatorRequest.check(p.principals(), p.audit(), declaredUser, op, subject);
  }

  /**
   * Decommission: the node takes no new chunks and its replicas stop counting; the replication
   * monitor copies them elsewhere and then retires the node. Recommission undoes it.
   */
  @Override
  public void setNodeState(SetNodeStateRequest request, StreamObserver<SetNodeStateReply> out) {
    if (!p.leadership().isLeader()) {
      Replies.send(out, SetNodeStateReply.newBuilder().setStatus(p.leadership().notLeader()).build());
      return;
    }
    OperatorRequest operator = operator(request.getUser(), request.getDecommission() ? "decommission" : "recommission",
        request.getNode());
    if (operator.refusal() != null) {
      Replies.send(out, SetNodeStateReply.newBuilder().setStatus(operator.refusal()).build());
      return;
    }
    if (request.getNode().length() > MAX_NODE_NAME_CHARS) {
      Replies.send(out, SetNodeStateReply.newBuilder().setStatus(Statuses.of(StatusCode.INVALID_ARGUMENT,
          "a chunkserver is named by its id, uuid or host:port (at most " + MAX_NODE_NAME_CHARS + " characters)"))
          .build());
      return;
    }
    Optional<RegisteredNode> node = p.admin().find(request.getNode());
    if (node.isEmpty()) {
      Replies.send(out, SetNodeStateReply.newBuilder().setStatus(Statuses.of(StatusCode.NOT_FOUND,
          "no chunkserver '" + request.getNode() + "' (give its id, uuid or host:port)")).build());
      return;
    }
    NodeAdminState target = request.getDecommission() ? NodeAdminState.DECOMMISSIONING : NodeAdminState.IN_SERVICE;
    if (request.getDecommission() && node.get().state() != NodeAdminState.IN_SERVICE) {
      Replies.send(out, SetNodeStateReply.newBuilder().setStatus(Statuses.ok()).setNode(info(node.get())).build());
      return;
    }
    MasterCommand command = MasterCommand.newBuilder().setTimeMs(p.nodes().now())
        .setSetNodeState(SetNodeStateOp.newBuilder().setNodeId(node.get().id()).setState(target)).build();
    p.proposer().propose(command).thenAccept(reply -> {
      Status status = reply.getStatus();
      operator.audit(status);
      SetNodeStateReply.Builder b = SetNodeStateReply.newBuilder().setStatus(status);
      p.admin().find(Integer.toString(node.get().id())).ifPresent(n -> b.setNode(info(n)));
      Replies.send(out, b.build());
    });
  }

  @Override
  public void rebalance(RebalanceRequest request, StreamObserver<RebalanceReply> out) {
    if (!p.leadership().isLeader()) {
      Replies.send(out, RebalanceReply.newBuilder().setStatus(p.leadership().notLeader()).build());
      return;
    }
    OperatorRequest operator = operator(request.getUser(), "rebalance", "");
    if (operator.refusal() != null) {
      Replies.send(out, RebalanceReply.newBuilder().setStatus(operator.refusal()).build());
      return;
    }
    double threshold = request.getThreshold() == 0 ? 10 : request.getThreshold();
    long maxMoves = request.getMaxMoves() == 0 ? 64 : Integer.toUnsignedLong(request.getMaxMoves());
    if (!(threshold > 0 && threshold <= 100) || maxMoves > MAX_MOVES_PER_ROUND) {
      Status invalid = Statuses.of(StatusCode.INVALID_ARGUMENT, "rebalance: the threshold is between 0 and 100 "
          + "percentage points, and a round moves at most " + MAX_MOVES_PER_ROUND + " replicas");
      operator.audit(invalid);
      Replies.send(out, RebalanceReply.newBuilder().setStatus(invalid).build());
      return;
    }
    operator.audit(Statuses.ok());
    Rebalancer.Round round = p.rebalancer().round(threshold, (int) maxMoves);
    Replies.send(out, RebalanceReply.newBuilder().setStatus(Statuses.ok())
        .setMovesStarted(round.movesStarted()).setSpreadBefore(round.spreadBefore())
        .setMovesInFlight(round.movesInFlight()).build());
  }
}
