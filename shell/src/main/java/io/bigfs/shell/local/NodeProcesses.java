package io.bigfs.shell.local;

import io.bigfs.shell.daemon.Jvm;
import io.bigfs.shell.daemon.ServerProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the local cluster's nodes as background JVMs and stops them by the pids recorded in
 * their pid files (see {@link ServerProcess}); the cluster's directory says where each node's
 * configuration, log and pid file are.
 */
final class NodeProcesses {
  /** Extra JVM flags for the nodes, replacing {@link #DEFAULT_JVM_OPTS}. */
  static final String ENV_JVM_OPTS = "BFS_LOCAL_JAVA_OPTS";
  /** Six JVMs share a laptop: bounded heaps, and the serial collector's few threads. */
  private static final String DEFAULT_JVM_OPTS = "-Xmx512m -XX:+UseSerialGC";
  private static final String MARKER_PROPERTY = "bfs.local.node";

  private final LocalCluster cluster;
  private final Jvm jvm;

  NodeProcesses(LocalCluster cluster, Map<String, String> env) {
    this.cluster = cluster;
    this.jvm = Jvm.current(env, env.getOrDefault(ENV_JVM_OPTS, DEFAULT_JVM_OPTS));
  }

  private ServerProcess process(LocalNode n) {
    return new ServerProcess(n.kind().mainClass, cluster.conf(n), cluster.pidFile(n), cluster.log(n), MARKER_PROPERTY);
  }

  /** The node's process, if its pid file names a live process that is that node. */
  Optional<ProcessHandle> running(LocalNode n) {
    return process(n).running();
  }

  /** Starts the node in the background, its output appended to its log; returns its process. */
  ProcessHandle start(LocalNode n) throws IOException {
    Files.createDirectories(cluster.data(n));
    return process(n).start(jvm);
  }

  /** SIGTERM, up to {@code grace} to exit cleanly, then SIGKILL. Returns false if it was not running. */
  boolean stop(LocalNode n, Duration grace) throws IOException {
    return process(n).stop(grace);
  }

  /** Stops the node's process {@code p} (found by {@link #running}): SIGTERM, then SIGKILL after {@code grace}. */
  void stop(LocalNode n, ProcessHandle p, Duration grace) throws IOException {
    process(n).stop(p, grace);
  }

  /** SIGKILL, as a crash would. Returns false if it was not running. */
  boolean kill(LocalNode n) throws IOException {
    return process(n).kill();
  }

  /** The end of the node's log, to say why it stopped. */
  String logTail(LocalNode n) {
    return process(n).logTail();
  }
}
