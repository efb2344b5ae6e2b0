package io.bigfs.shell.admin;

import io.bigfs.client.NodeReport;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** {@code bfs admin recommission NODE}: puts a (being) decommissioned chunkserver back in service. */
@Command(name = "recommission", description = "Put a decommissioned chunkserver (id, uuid or host:port) back in service.")
public final class AdminRecommissionCommand extends ClientCommand {
  @Parameters(paramLabel = "NODE", description = "Node id, uuid or host:port.")
  String node;

  AdminRecommissionCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    NodeReport n = client().decommission(node, false);
    out().println("node " + n.nodeId() + " (" + n.address() + "): " + n.state());
    return OK;
  }
}
