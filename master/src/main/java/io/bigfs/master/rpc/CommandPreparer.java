package io.bigfs.master.rpc;

import io.bigfs.common.BfsException;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.namespace.Limits;
import io.bigfs.master.namespace.Queries;
import io.bigfs.master.node.NodeState;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.Placement;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.View;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.StatusCode;

import java.util.HashSet;
import java.util.List;

/**
 * What the leader decides before proposing a client's mutation: the time, defaults for what the
 * client left out, checks that depend on the live cluster, and where a new chunk goes. These
 * decisions travel in the log entry, so every master applies the same ones.
 */
final class CommandPreparer {
  private final MasterConfig config;
  private final MasterStateMachine stateMachine;
  private final NodeTable nodes;

  CommandPreparer(MasterConfig config, MasterStateMachine stateMachine, NodeTable nodes) {
    this.config = config;
    this.stateMachine = stateMachine;
    this.nodes = nodes;
  }

  MasterCommand prepare(MutateRequest request) throws BfsException {
    MasterCommand.Builder command = MasterCommand.newBuilder().setTimeMs(nodes.now());
    MutateRequest.Builder req = request.toBuilder();
    switch (request.getOpCase()) {
      case CREATE -> req.setCreate(withDefaults(request.getCreate()));
      case SET_REPLICATION -> checkReplication(request.getSetReplication().getReplication());
      case ADD_CHUNK -> command.addAllPlacement(place(request));
      default -> { }
    }
    return command.setClient(req).build();
  }

  private CreateOp withDefaults(CreateOp op) throws BfsException {
    CreateOp.Builder b = op.toBuilder();
    if (op.getReplication() == 0) {
      b.setReplication(config.defaultReplication());
    }
    if (op.getChunkSize() == 0) {
      b.setChunkSize(config.defaultChunkSize());
    }
    checkReplication(b.getReplication());
    return b.build();
  }

  /** A replication factor above the number of chunkservers could never be met. */
  private void checkReplication(int replication) throws BfsException {
    Limits.replication(replication);
    long registered = registeredNodes();
    if (replication > registered) {
      throw BfsException.invalid("replication factor " + replication + " is larger than the cluster ("
          + registered + " chunkservers)");
    }
  }

  private long registeredNodes() {
    long n = 0;
    try (View view = stateMachine.namespace().store().view();
         KvCursor c = view.scan(Cf.NODES, new byte[0], null)) {
      while (c.next()) {
        n++;
      }
    }
    return n;
  }

  private List<NodeLocation> place(MutateRequest request) throws BfsException {
    FileStatus file;
    try (View view = stateMachine.namespace().store().view()) {
      file = Queries.stat(view, request.getAddChunk().getPath());
    }
    List<NodeState> chosen = Placement.choose(nodes.live(), file.getReplication(),
        new HashSet<>(request.getAddChunk().getExcludeNodesList()));
    if (chosen.isEmpty()) {
      throw new BfsException(StatusCode.NO_SPACE, request.getAddChunk().getPath()
          + ": no live chunkserver accepts new chunks");
    }
    chosen.forEach(n -> nodes.schedule(n.id()));
    return chosen.stream()
        .map(n -> NodeLocation.newBuilder().setNodeId(n.id()).setAddress(n.address()).build())
        .toList();
  }
}
