package io.bigfs.master.node;

import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.namespace.RegisteredNode;
import io.bigfs.master.store.View;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.store.NodeAdminState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The registered chunkservers and their administrative state, read from the store and cached
 * until a registration or state change is applied (or the store is reloaded).
 */
public final class NodeAdmin implements BiConsumer<MasterCommand, MutateReply> {
  private final Supplier<Namespace> namespace;
  private volatile Cache cache;

  private record Cache(long generation, List<RegisteredNode> nodes, Map<Integer, RegisteredNode> byId) {}

  public NodeAdmin(Supplier<Namespace> namespace) {
    this.namespace = namespace;
  }

  @Override
  public void accept(MasterCommand command, MutateReply reply) {
    if (command.hasRegisterNode() || command.hasSetNodeState()) {
      cache = null;
    }
  }

  private Cache cache() {
    Namespace ns = namespace.get();
    Cache c = cache;
    if (c == null || c.generation() != ns.generation()) {
      List<RegisteredNode> nodes;
      try (View view = ns.store().view()) {
        nodes = RegisteredNode.all(view);
      }
      c = new Cache(ns.generation(), nodes,
          nodes.stream().collect(Collectors.toMap(RegisteredNode::id, Function.identity())));
      cache = c;
    }
    return c;
  }

  public List<RegisteredNode> all() {
    return cache().nodes();
  }

  public NodeAdminState state(int nodeId) {
    RegisteredNode n = cache().byId().get(nodeId);
    return n == null ? NodeAdminState.IN_SERVICE : n.state();
  }

  public boolean inService(int nodeId) {
    return state(nodeId) == NodeAdminState.IN_SERVICE;
  }

  /**
   * Whether {@code nodeId} was registered by the chunkserver {@code uuid}. Heartbeats and block
   * reports are believed only then: anyone can reach the port, and a node that is not registered
   * (or another node's id) must never become a place for chunks or a holder of replicas.
   */
  public boolean isRegistered(int nodeId, String uuid) {
    RegisteredNode n = cache().byId().get(nodeId);
    return n != null && n.uuid().equals(uuid);
  }

  public boolean isRegistered(int nodeId) {
    return cache().byId().containsKey(nodeId);
  }

  /** A node named by its id, uuid or host:port. */
  public Optional<RegisteredNode> find(String spec) {
    for (RegisteredNode n : all()) {
      if (Integer.toString(n.id()).equals(spec) || n.uuid().equals(spec) || n.address().equals(spec)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
