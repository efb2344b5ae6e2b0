package io.bigfs.master.rpc;

import io.bigfs.common.BfsException;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.namespace.Limits;
import io.bigfs.master.namespace.Queries;
import io.bigfs.master.namespace.RegisteredNode;
import io.bigfs.master.node.NodeAdmin;
import io.bigfs.master.node.NodeState;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.Placement;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.master.store.View;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.Principal;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.UpdatePipelineOp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the leader decides before proposing a client's mutation: the time, defaults for what the
 * client left out, checks that depend on the live cluster, and where a new chunk goes. These
 * decisions travel in the log entry, so every master applies the same ones.
 */
final class CommandPreparer {
  private final MasterConfig config;
  private final MasterStateMachine stateMachine;
  private final NodeTable nodes;
  private final NodeAdmin admin;

  CommandPreparer(MasterConfig config, MasterStateMachine stateMachine, NodeTable nodes, NodeAdmin admin) {
    this.config = config;
    this.stateMachine = stateMachine;
    this.nodes = nodes;
    this.admin = admin;
  }

  /** The command for {@code request}, acting as {@code principal} (its user replaces the declared one). */
  MasterCommand prepare(MutateRequest request, Principal principal) throws BfsException {
    Limits.mutation(request);
    MasterCommand.Builder command = MasterCommand.newBuilder().setTimeMs(nodes.now()).setPrincipal(principal);
    MutateRequest.Builder req = request.toBuilder().setUser(principal.getUser());
    switch (request.getOpCase()) {
      case CREATE -> {
        CreateOp create = withDefaults(request.getCreate());
        req.setCreate(create);
        if (create.getFirstChunk()) {
          command.addAllPlacement(placeFirstChunk(create));
        }
      }
      case SET_REPLICATION -> checkReplication(request.getSetReplication().getReplication());
      case ADD_CHUNK -> command.addAllPlacement(place(request.getAddChunk().getPath(),
          new HashSet<>(request.getAddChunk().getExcludeNodesList()), List.of()));
      case UPDATE_PIPELINE -> command.addAllPlacement(replace(request));
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

  /** Chunkservers that can hold replicas: registered and not decommissioned (or leaving). */
  private long registeredNodes() {
    return admin.all().stream().filter(RegisteredNode::inService).count();
  }

  /**
   * Nodes for a chunk of the file at {@code path}: {@code keep} first (in order, with their
   * current addresses), then as many new nodes as the file's replication still wants.
   */
  private List<NodeLocation> place(String path, Set<Integer> exclude, List<Integer> keep) throws BfsException {
    FileStatus file;
    try (View view = stateMachine.namespace().store().view()) {
      file = Queries.stat(view, path);
    }
    return place(path, file.getReplication(), exclude, keep);
  }

  /** Nodes for chunk 0 of a file being created; none when no node can take it (add_chunk will say why). */
  private List<NodeLocation> placeFirstChunk(CreateOp create) {
    try {
      return place(create.getPath(), create.getReplication(), Set.of(), List.of());
    } catch (BfsException e) {
      return List.of();
    }
  }

  private List<NodeLocation> place(String path, int replication, Set<Integer> exclude, List<Integer> keep)
      throws BfsException {
    List<NodeLocation> pipeline = new ArrayList<>();
    for (int id : keep) {
      nodes.get(id).ifPresent(n -> pipeline.add(location(n)));
    }
    Set<Integer> taken = new HashSet<>(exclude);
    taken.addAll(keep);
    List<NodeState> candidates = nodes.live().stream().filter(n -> admin.inService(n.id())).toList();
    List<NodeState> chosen = Placement.choose(candidates, replication - pipeline.size(), taken);
    chosen.forEach(n -> nodes.schedule(n.id()));
    chosen.forEach(n -> pipeline.add(location(n)));
    if (pipeline.isEmpty()) {
      throw new BfsException(StatusCode.NO_SPACE, path + ": no live chunkserver accepts new chunks");
    }
    return pipeline;
  }

  /** A failed pipeline: the survivors stay, in order; replacements join at the end. */
  private List<NodeLocation> replace(MutateRequest request) throws BfsException {
    UpdatePipelineOp op = request.getUpdatePipeline();
    Set<Integer> exclude = new HashSet<>(op.getFailedList());
    return place(op.getPath(), exclude, op.getSurvivorsList());
  }

  private static NodeLocation location(NodeState n) {
    return NodeLocation.newBuilder().setNodeId(n.id()).setAddress(n.address()).build();
  }
}
