package io.bigfs.shell.local;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** {@code bfs local restart NODE}: stop the node if it runs, start it, wait until it serves. */
@Command(name = "restart", description = "Restart one node (also starts a killed one) and wait until it is ready.")
final class LocalRestartCommand extends NodeCommand {
  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long to wait for the node to be ready (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  LocalRestartCommand(Session session) {
    super(session);
  }

  @Override
  int run(LocalCluster cluster, LocalNode n, NodeProcesses processes) throws IOException {
    if (processes.stop(n, Duration.ofSeconds(15))) {
      out().println(n.name() + ": stopped");
    }
    out().println(n.name() + ": started (pid " + processes.start(n).pid() + ")");
    out().flush();
    ClusterWait.awaitReady(cluster, processes, List.of(n), Duration.ofSeconds(timeoutSeconds));
    out().println(n.name() + ": ready, metrics at " + n.metricsUrl());
    return OK;
  }
}
