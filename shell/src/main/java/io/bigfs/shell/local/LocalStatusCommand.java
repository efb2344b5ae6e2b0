package io.bigfs.shell.local;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code bfs local status}: each node, running or not, with its pid and ports. */
@Command(name = "status", description = "Show each node of the local cluster: running or not, pid, ports.")
final class LocalStatusCommand extends LocalSubcommand {
  LocalStatusCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    LocalCluster cluster = cluster();
    out().println("Local cluster in " + cluster.dir());
    ClusterReport.print(out(), cluster, new NodeProcesses(cluster, session.env()));
    return OK;
  }
}
