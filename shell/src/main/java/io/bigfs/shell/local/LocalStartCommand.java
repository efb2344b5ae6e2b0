package io.bigfs.shell.local;

import io.bigfs.common.BfsException;
import io.bigfs.shell.MasterAddresses;
import io.bigfs.shell.Session;
import io.bigfs.shell.metrics.TargetsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code bfs local start [--masters 3] [--chunkservers 3] [--dir DIR]}: creates the cluster on
 * first use, then starts whatever of it is not running, and waits until it serves. Running it
 * again starts nothing twice and reuses the directory, so data and ports survive.
 */
@Command(name = "start", description = "Start the local cluster (create it on first use) and wait until it is ready.")
final class LocalStartCommand extends LocalSubcommand {
  @Option(names = "--masters", paramLabel = "N", description = "Masters of a new cluster (default 3; fixed once created).")
  Integer masters;

  @Option(names = "--chunkservers", paramLabel = "N", description = "Chunkservers (default 3; more may be added later).")
  Integer chunkservers;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for the cluster to be ready (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  LocalStartCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    LocalCluster cluster = prepare();
    cluster.save();
    NodeProcesses processes = new NodeProcesses(cluster, session.env());
    for (LocalNode n : cluster.nodes()) {
      Optional<ProcessHandle> running = processes.running(n);
      if (running.isPresent()) {
        out().println(n.name() + ": already running (pid " + running.get().pid() + ")");
      } else {
        out().println(n.name() + ": started (pid " + processes.start(n).pid() + ")");
      }
    }
    out().println("Waiting for the cluster to be ready...");
    out().flush();
    ClusterWait.awaitReady(cluster, processes, cluster.nodes(), Duration.ofSeconds(timeoutSeconds));
    out().println();
    ClusterReport.print(out(), cluster, processes);
    printHints(cluster);
    return OK;
  }

  /** The recorded cluster, grown to the requested chunkservers; or a new one. */
  private LocalCluster prepare() throws IOException {
    Path dir = directory();
    Optional<LocalCluster> existing = LocalCluster.load(dir);
    if (existing.isEmpty()) {
      int m = masters == null ? 3 : masters;
      int cs = chunkservers == null ? 3 : chunkservers;
      if (m < 1 || cs < 1) {
        throw BfsException.invalid("a cluster needs at least one master and one chunkserver");
      }
      out().println("Creating a local cluster of " + m + " masters and " + cs + " chunkservers in " + dir);
      return LocalCluster.create(dir, m, cs);
    }
    LocalCluster cluster = existing.get();
    int have = cluster.of(LocalNode.Kind.MASTER).size();
    if (masters != null && masters != have) {
      throw BfsException.invalid(dir + " holds a cluster of " + have + " masters, and the masters of a cluster "
          + "cannot change; use another --dir for a new cluster");
    }
    int haveChunkservers = cluster.of(LocalNode.Kind.CHUNKSERVER).size();
    if (chunkservers != null && chunkservers > haveChunkservers) {
      return cluster.withNodes(LocalNode.Kind.CHUNKSERVER, chunkservers);
    }
    return cluster;
  }

  private void printHints(LocalCluster cluster) {
    out().println();
    out().println("Masters: " + cluster.masterAddresses());
    Path defaultDir = MasterAddresses.localDir(session.env(), session.localDir()).toAbsolutePath().normalize();
    if (!defaultDir.equals(cluster.dir())) {
      out().println("To use it from another directory: export " + MasterAddresses.ENV_LOCAL_DIR + "=" + cluster.dir());
    }
    out().println("Logs: " + cluster.dir() + "/<node>.log   Stop: bfs local stop   Failover: bfs local kill m1");
    out().println("Live view: bfs admin top   Prometheus targets: " + cluster.dir().resolve(TargetsFile.LOCAL_NAME)
        + " (README.md, Monitoring)");
  }
}
