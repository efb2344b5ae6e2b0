package io.bigfs.master.rpc;

import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.Replies;
import io.bigfs.master.access.AuditLog;
import io.bigfs.master.access.Principals;
import io.bigfs.master.access.RemoteAddress;
import io.bigfs.master.node.CorruptReplicas;
import io.bigfs.master.node.NodeAdmin;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.raft.Proposer;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.Principal;
import io.bigfs.proto.QueryCommand;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.ReportBadReplicaReply;
import io.bigfs.proto.ReportBadReplicaRequest;
import io.bigfs.proto.Status;
import io.bigfs.proto.StatusCode;
import io.grpc.stub.StreamObserver;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

import java.util.Locale;

/**
 * Clients' namespace requests. Mutations go through the leader's proposer into the Raft log;
 * queries are answered by the leader too, as reads that never touch the log (linearizable by default).
 */
public final class MasterRpc extends MasterServiceGrpc.MasterServiceImplBase {
  private final Leadership leadership;
  private final CommandPreparer preparer;
  private final Proposer proposer;
  private final MasterRaft raft;
  private final OpMetrics metrics;
  private final CorruptReplicas corrupt;
  private final NodeAdmin admin;
  private final Principals principals;
  private final AuditLog audit;
  private final MasterTokens tokens;

  MasterRpc(Leadership leadership, CommandPreparer preparer, Proposer proposer, MasterRaft raft, OpMetrics metrics,
            CorruptReplicas corrupt, NodeAdmin admin, Principals principals, AuditLog audit, MasterTokens tokens) {
    this.leadership = leadership;
    this.preparer = preparer;
    this.proposer = proposer;
    this.raft = raft;
    this.metrics = metrics;
    this.corrupt = corrupt;
    this.admin = admin;
    this.principals = principals;
    this.audit = audit;
    this.tokens = tokens;
  }

  /** A reader found a replica that fails its checksums: the leader stops offering it and deletes it. */
  @Override
  public void reportBadReplica(ReportBadReplicaRequest request, StreamObserver<ReportBadReplicaReply> out) {
    if (!leadership.isLeader()) {
      Replies.send(out, ReportBadReplicaReply.newBuilder().setStatus(leadership.notLeader()).build());
      return;
    }
    boolean recorded = admin.isRegistered(request.getNodeId())
        && corrupt.report(request.getChunkId(), request.getNodeId(), request.getReason());
    Status status = recorded ? Statuses.ok() : Statuses.of(StatusCode.NOT_FOUND, "no replica of chunk "
        + Long.toUnsignedString(request.getChunkId()) + " is known, or node "
        + Integer.toUnsignedString(request.getNodeId()) + " is not registered");
    Replies.send(out, ReportBadReplicaReply.newBuilder().setStatus(status).build());
  }

  @Override
  public void mutate(MutateRequest request, StreamObserver<MutateReply> out) {
    long start = System.nanoTime();
    String op = request.getOpCase().name().toLowerCase(Locale.ROOT);
    if (!leadership.isLeader()) {
      reply(out, MutateReply.newBuilder().setStatus(leadership.notLeader()).build(), op, start);
      return;
    }
    // Resolved here: the reply is sent from another thread, outside this call's context.
    String address = RemoteAddress.current();
    try {
      Principal principal = principals.resolve(request.getUser());
      proposer.propose(preparer.prepare(request, principal)).thenAccept(r -> {
        audit.mutation(principal.getUser(), address, request, r.getStatus().getCode());
        reply(out, tokens.withWriteToken(r, principal.getUser()), op, start);
      });
    } catch (BfsException e) {
      audit.mutation(request.getUser(), address, request, e.code());
      reply(out, MutateReply.newBuilder().setStatus(Statuses.of(e)).build(), op, start);
    }
  }

  private void reply(StreamObserver<MutateReply> out, MutateReply reply, String op, long start) {
    metrics.record(op, start, reply.getStatus().getCode());
    out.onNext(reply);
    out.onCompleted();
  }

  @Override
  public void query(QueryRequest request, StreamObserver<QueryReply> out) {
    long start = System.nanoTime();
    String op = request.getQueryCase().name().toLowerCase(Locale.ROOT);
    // Reads go to the leader too: a follower would have to ask the leader for a read index (a
    // network round on every read, where the leader's lease spares it one), and with
    // non-linearizable reads it would answer from a state that may lag.
    if (!leadership.isLeader()) {
      answer(out, failed(leadership.notLeader()), op, start);
      return;
    }
    String address = RemoteAddress.current();
    Principal principal;
    try {
      principal = principals.resolve(request.getUser());
    } catch (BfsException e) {
      answer(out, failed(Statuses.of(e)), op, start);
      return;
    }
    QueryCommand command = QueryCommand.newBuilder().setQuery(request).setPrincipal(principal).build();
    raft.read(UnsafeByteOperations.unsafeWrap(command.toByteArray())).whenComplete((reply, error) -> {
      QueryReply answer = tokens.withReadTokens(toQueryReply(reply, error), principal.getUser());
      audit.query(principal.getUser(), address, request, answer.getStatus().getCode());
      answer(out, answer, op, start);
    });
  }

  private void answer(StreamObserver<QueryReply> out, QueryReply answer, String op, long start) {
    metrics.record(op, start, answer.getStatus().getCode());
    out.onNext(answer);
    out.onCompleted();
  }

  private QueryReply toQueryReply(RaftClientReply reply, Throwable error) {
    if (error == null && reply.isSuccess()) {
      try {
        return QueryReply.parseFrom(reply.getMessage().getContent().asReadOnlyByteBuffer());
      } catch (Exception e) {
        return failed(Statuses.of(StatusCode.INTERNAL, "unreadable query reply: " + e.getMessage()));
      }
    }
    if (reply != null && reply.getNotLeaderException() != null
        || error != null && error.getCause() instanceof NotLeaderException) {
      return failed(leadership.notLeader());
    }
    Throwable cause = error != null ? error : reply.getException();
    return failed(Statuses.of(StatusCode.UNAVAILABLE, "read not served: " + cause));
  }

  private static QueryReply failed(Status status) {
    return QueryReply.newBuilder().setStatus(status).build();
  }
}
