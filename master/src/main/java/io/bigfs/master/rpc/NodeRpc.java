package io.bigfs.master.rpc;

import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.Addresses;
import io.bigfs.common.rpc.Replies;
import io.bigfs.master.namespace.Limits;
import io.bigfs.master.node.NodeAdmin;
import io.bigfs.master.node.NodeState;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.PendingDeletes;
import io.bigfs.master.node.ReplicaMap;
import io.bigfs.master.node.ReplicaReports;
import io.bigfs.master.raft.Proposer;
import io.bigfs.proto.BlockReportPart;
import io.bigfs.proto.BlockReportReply;
import io.bigfs.proto.ChunkReplica;
import io.bigfs.proto.HeartbeatReply;
import io.bigfs.proto.HeartbeatRequest;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.NodeServiceGrpc;
import io.bigfs.proto.RegisterNodeOp;
import io.bigfs.proto.RegisterReply;
import io.bigfs.proto.RegisterRequest;
import io.bigfs.proto.StatusCode;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Chunkservers' side of the masters: registration (through Raft), heartbeats and block reports. */
public final class NodeRpc extends NodeServiceGrpc.NodeServiceImplBase {
  private static final Pattern UUID_TEXT = Pattern.compile("[A-Za-z0-9-]{1,64}");
  /** A block report larger than this many chunks is refused: no node holds that many. */
  private static final int MAX_REPORTED_CHUNKS = 50_000_000;

  /** Delete orders handed to a node per heartbeat. */
  private static final int MAX_DELETES_PER_HEARTBEAT = 1000;

  private final Leadership leadership;
  private final Proposer proposer;
  private final NodeTable nodes;
  private final ReplicaReports reports;
  private final PendingDeletes deletes;
  private final NodeAdmin admin;

  NodeRpc(Leadership leadership, Proposer proposer, NodeTable nodes, ReplicaReports reports, PendingDeletes deletes,
          NodeAdmin admin) {
    this.leadership = leadership;
    this.proposer = proposer;
    this.nodes = nodes;
    this.reports = reports;
    this.deletes = deletes;
    this.admin = admin;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterReply> out) {
    try {
      checkIdentity(request.getUuid(), request.getAddress());
      Limits.rack(request.getRack());
    } catch (BfsException e) {
      Replies.send(out, RegisterReply.newBuilder().setStatus(Statuses.of(e)).build());
      return;
    }
    if (!leadership.isLeader()) {
      Replies.send(out, RegisterReply.newBuilder().setStatus(leadership.notLeader()).build());
      return;
    }
    MasterCommand command = MasterCommand.newBuilder().setTimeMs(nodes.now())
        .setRegisterNode(RegisterNodeOp.newBuilder().setUuid(request.getUuid())
            .setAddress(request.getAddress()).setRack(request.getRack()))
        .build();
    proposer.propose(command).thenAccept(r -> Replies.send(out,
        RegisterReply.newBuilder().setStatus(r.getStatus()).setNodeId(r.getNodeId()).build()));
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatReply> out) {
    try {
      checkIdentity(request.getUuid(), request.getAddress());
      checkRegistered(request.getNodeId(), request.getUuid());
    } catch (BfsException e) {
      Replies.send(out, HeartbeatReply.newBuilder().setStatus(Statuses.of(e)).build());
      return;
    }
    NodeState state = nodes.heartbeat(request);
    reports.incremental(request.getNodeId(), request.getAddedList(), request.getRemovedList());
    HeartbeatReply.Builder reply = HeartbeatReply.newBuilder().setStatus(Statuses.ok())
        .setSendBlockReport(!state.reported());
    if (leadership.isLeader()) {
      deletes.heartbeat(request.getNodeId());
      for (long chunkId : deletes.drain(request.getNodeId(), MAX_DELETES_PER_HEARTBEAT)) {
        reply.addDeleteChunks(chunkId);
      }
    }
    Replies.send(out, reply.build());
  }

  @Override
  public StreamObserver<BlockReportPart> blockReport(StreamObserver<BlockReportReply> out) {
    return new StreamObserver<>() {
      private final List<ChunkReplica> chunks = new ArrayList<>();
      private int nodeId;
      private String uuid;
      private String problem;

      @Override
      public void onNext(BlockReportPart part) {
        if (problem != null) {
          return;
        }
        if (nodeId == 0) {
          nodeId = part.getNodeId();
          uuid = part.getUuid();
        }
        if (part.getNodeId() != nodeId || !part.getUuid().equals(uuid) || !admin.isRegistered(nodeId, uuid)) {
          problem = "block report parts name different or unregistered nodes";
        } else if (chunks.size() + part.getReplicasCount() > MAX_REPORTED_CHUNKS) {
          problem = "block report too large";
        } else {
          chunks.addAll(part.getReplicasList());
        }
      }

      @Override
      public void onError(Throwable t) {
        // The node will send its report again; nothing was recorded.
      }

      @Override
      public void onCompleted() {
        if (problem != null) {
          Replies.send(out, BlockReportReply.newBuilder().setStatus(Statuses.of(StatusCode.INVALID_ARGUMENT, problem)).build());
          return;
        }
        if (nodeId != 0) {
          reports.full(nodeId, chunks);
          nodes.markReported(nodeId);
        }
        Replies.send(out, BlockReportReply.newBuilder().setStatus(Statuses.ok()).build());
      }
    };
  }

  private static void checkIdentity(String uuid, String address) throws BfsException {
    if (!UUID_TEXT.matcher(uuid).matches()) {
      throw BfsException.invalid("bad chunkserver uuid");
    }
    Addresses.parse(address);
  }

  private void checkRegistered(int nodeId, String uuid) throws BfsException {
    if (nodeId <= 0 || nodeId > ReplicaMap.MAX_NODE_ID || !admin.isRegistered(nodeId, uuid)) {
      throw BfsException.invalid("node " + Integer.toUnsignedString(nodeId) + " is not registered as " + uuid
          + ": register first");
    }
  }
}
