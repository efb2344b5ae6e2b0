package io.bigfs.shell.admin;

import io.bigfs.shell.CommandGroup;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

/** {@code bfs admin nodes|masters|decommission|recommission|rebalance|top|digest|token}: the cluster and its upkeep. */
@Command(name = "admin",
    description = "Cluster administration: nodes, masters, decommission, recommission, rebalance, top, digest, token.",
    subcommands = {AdminNodesCommand.class, AdminMastersCommand.class, AdminDecommissionCommand.class,
        AdminRecommissionCommand.class, AdminRebalanceCommand.class, AdminTopCommand.class, AdminDigestCommand.class,
        AdminTokenCommand.class})
public final class AdminCommand extends CommandGroup {
  AdminCommand(Session session) {
    super(session);
  }
}
