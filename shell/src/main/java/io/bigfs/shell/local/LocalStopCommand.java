package io.bigfs.shell.local;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code bfs local stop}: SIGTERM to every node (chunkservers first, so they do not spend
 * their last seconds looking for masters), a grace period, then SIGKILL for any left.
 */
@Command(name = "stop", description = "Stop every node of the local cluster (SIGTERM, then SIGKILL after a grace period).")
final class LocalStopCommand extends LocalSubcommand {
  @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "15",
      description = "How long a node may take to stop before it is killed (default ${DEFAULT-VALUE}).")
  int graceSeconds;

  LocalStopCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    LocalCluster cluster = cluster();
    NodeProcesses processes = new NodeProcesses(cluster, session.env());
    for (LocalNode.Kind kind : List.of(LocalNode.Kind.CHUNKSERVER, LocalNode.Kind.MASTER)) {
      List<LocalNode> nodes = cluster.of(kind);
      // Ask them all at once, then wait: stopping one by one would add up the grace periods.
      for (LocalNode n : nodes) {
        processes.running(n).ifPresent(ProcessHandle::destroy);
      }
      for (LocalNode n : nodes) {
        long pid = processes.running(n).map(ProcessHandle::pid).orElse(-1L);
        boolean stopped = processes.stop(n, Duration.ofSeconds(graceSeconds));
        out().println(n.name() + ": " + (stopped ? "stopped (pid " + pid + ")" : "not running"));
      }
    }
    return OK;
  }
}
