package io.bigfs.shell.local;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
      Map<LocalNode, ProcessHandle> running = new LinkedHashMap<>();
      for (LocalNode n : cluster.of(kind)) {
        processes.running(n).ifPresentOrElse(p -> running.put(n, p), () -> out().println(n.name() + ": not running"));
      }
      // Ask them all at once, then wait: stopping one by one would add up the grace periods.
      running.values().forEach(ProcessHandle::destroy);
      for (Map.Entry<LocalNode, ProcessHandle> e : running.entrySet()) {
        processes.stop(e.getKey(), e.getValue(), Duration.ofSeconds(graceSeconds));
        out().println(e.getKey().name() + ": stopped (pid " + e.getValue().pid() + ")");
      }
    }
    return OK;
  }
}
