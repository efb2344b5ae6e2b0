package io.bigfs.master.rpc;

import io.bigfs.common.security.ServerSecurity;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.access.AuditLog;
import io.bigfs.master.access.Principals;
import io.bigfs.master.access.RemoteAddress;
import io.bigfs.master.node.CorruptReplicas;
import io.bigfs.master.node.NodeAdmin;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.PendingDeletes;
import io.bigfs.master.node.Rebalancer;
import io.bigfs.master.node.ReplicaReports;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.master.raft.Proposer;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.NodeServiceGrpc;
import io.bigfs.proto.TokenKind;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The gRPC services one master serves on its client port. */
public final class MasterServices {
  private MasterServices() {}

  /**
   * Methods served on the transport thread that read the request: a query is answered from the
   * store at once (under the leader lease), a mutation is prepared and queued for the proposer
   * and answered from the apply thread; neither waits. Heartbeats, reports and admin calls,
   * which may take long, go to the handler pool.
   */
  public static final Set<String> INLINE_METHODS = Set.of(
      MasterServiceGrpc.getQueryMethod().getFullMethodName(),
      MasterServiceGrpc.getMutateMethod().getFullMethodName());

  /** What the services are built from. */
  public record Parts(MasterConfig config, Leadership leadership, MasterRaft raft, MasterStateMachine stateMachine,
                      Proposer proposer, NodeTable nodes, NodeAdmin admin, ReplicaReports reports,
                      PendingDeletes deletes, CorruptReplicas corrupt, Rebalancer rebalancer, MeterRegistry metrics,
                      Principals principals, AuditLog audit, MasterTokens tokens) {}

  /**
   * Token mode: the kind of token each service takes. Chunkservers report with service tokens;
   * people and programs, on every other service, with user tokens.
   */
  public static Set<TokenKind> acceptedTokens(String serviceName) {
    return NodeServiceGrpc.SERVICE_NAME.equals(serviceName) ? Set.of(TokenKind.TOKEN_SERVICE)
        : Set.of(TokenKind.TOKEN_USER);
  }

  public static List<BindableService> create(Parts p) {
    CommandPreparer preparer = new CommandPreparer(p.config(), p.stateMachine(), p.nodes(), p.admin());
    return List.of(
        new MasterRpc(p.leadership(), preparer, p.proposer(), p.raft(), new OpMetrics(p.metrics()), p.corrupt(),
            p.admin(), p.principals(), p.audit(), p.tokens()),
        new NodeRpc(p.leadership(), p.proposer(), p.nodes(), p.reports(), p.deletes(), p.admin()),
        new AdminRpc(p));
  }

  /**
   * What runs before every call: the caller's address for the audit log, and in token mode the
   * token check, which sets the authenticated user.
   */
  public static List<ServerInterceptor> interceptors(ServerSecurity security) {
    List<ServerInterceptor> all = new ArrayList<>(security.interceptors(MasterServices::acceptedTokens, true));
    all.add(new RemoteAddress());
    return all;
  }
}
