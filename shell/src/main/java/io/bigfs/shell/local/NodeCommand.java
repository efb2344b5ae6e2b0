package io.bigfs.shell.local;

import io.bigfs.common.BfsException;
import io.bigfs.shell.Session;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** A {@code bfs local} subcommand about one node, named on the command line (m2, cs1, ...). */
abstract class NodeCommand extends LocalSubcommand {
  @Parameters(paramLabel = "NODE", description = "A node name: m1, m2, ..., cs1, cs2, ...")
  String name;

  NodeCommand(Session session) {
    super(session);
  }

  /** Does the command to the node. */
  abstract int run(LocalCluster cluster, LocalNode node, NodeProcesses processes) throws IOException;

  @Override
  protected final int run() throws IOException {
    LocalCluster cluster = cluster();
    LocalNode node = cluster.node(name).orElseThrow(() -> BfsException.invalid("no node " + name + " in "
        + cluster.dir() + " (nodes: " + String.join(", ", cluster.nodes().stream().map(LocalNode::name).toList())
        + ")"));
    return run(cluster, node, new NodeProcesses(cluster, session.env()));
  }
}
