package io.bigfs.shell.admin;

import io.bigfs.client.NodeReport;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/**
 * {@code bfs admin decommission NODE}: the node takes no new chunks; its replicas are copied
 * elsewhere (no chunk ever has fewer live replicas than before), then it is retired and its
 * replicas removed. Follow it with {@code bfs admin nodes}.
 */
@Command(name = "decommission", description = {"Retire a chunkserver (id, uuid or host:port) after copying "
    + "everything it holds elsewhere.", "Its state goes DECOMMISSIONING, then DECOMMISSIONED."})
public final class AdminDecommissionCommand extends ClientCommand {
  @Parameters(paramLabel = "NODE", description = "Node id, uuid or host:port.")
  String node;

  AdminDecommissionCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    NodeReport n = client().decommission(node, true);
    out().println("node " + n.nodeId() + " (" + n.address() + "): " + n.state());
    return OK;
  }
}
