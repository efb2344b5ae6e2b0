package io.bigfs.master.rpc;

import io.bigfs.master.MasterConfig;
import io.bigfs.master.node.CorruptReplicas;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.PendingDeletes;
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

  public static List<BindableService> create(MasterConfig config, Leadership leadership, MasterRaft raft,
                                             MasterStateMachine stateMachine, Proposer proposer, NodeTable nodes,
                                             ReplicaReports reports, PendingDeletes deletes, CorruptReplicas corrupt,
                                             MeterRegistry metrics) {
    CommandPreparer preparer = new CommandPreparer(config, stateMachine, nodes);
    return List.of(
        new MasterRpc(leadership, preparer, proposer, raft, new OpMetrics(metrics), corrupt),
        new NodeRpc(leadership, proposer, nodes, reports, deletes),
        new AdminRpc(leadership, raft, stateMachine, nodes, config));
  }
}
