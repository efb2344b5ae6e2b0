package io.bigfs.shell.admin;

import io.bigfs.shell.CommandGroup;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

/** {@code bfs admin nodes|masters}: what the cluster is made of. */
@Command(name = "admin", description = "Cluster administration: nodes, masters.",
    subcommands = {AdminNodesCommand.class, AdminMastersCommand.class})
public final class AdminCommand extends CommandGroup {
  AdminCommand(Session session) {
    super(session);
  }
}
