package io.bigfs.master.rpc;

import io.bigfs.master.MasterConfig;
import io.bigfs.master.node.CorruptReplicas;
import io.bigfs.master.node.NodeAdmin;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.PendingDeletes;
import io.bigfs.master.node.Rebalancer;
import io.bigfs.master.node.ReplicaReports;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.master.raft.Proposer;
import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/** The gRPC services one master serves on its client port. */
public final class MasterServices {
  private MasterServices() {}

  /** What the services are built from. */
  public record Parts(MasterConfig config, Leadership leadership, MasterRaft raft, MasterStateMachine stateMachine,
                      Proposer proposer, NodeTable nodes, NodeAdmin admin, ReplicaReports reports,
                      PendingDeletes deletes, CorruptReplicas corrupt, Rebalancer rebalancer, MeterRegistry metrics) {}

  public static List<BindableService> create(Parts p) {
    CommandPreparer preparer = new CommandPreparer(p.config(), p.stateMachine(), p.nodes(), p.admin());
    return List.of(
        new MasterRpc(p.leadership(), preparer, p.proposer(), p.raft(), new OpMetrics(p.metrics()), p.corrupt(),
            p.admin()),
        new NodeRpc(p.leadership(), p.proposer(), p.nodes(), p.reports(), p.deletes(), p.admin()),
        new AdminRpc(p));
  }
}
