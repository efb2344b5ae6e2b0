package io.bigfs.shell.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the local cluster's nodes as background JVMs and stops them by the pids recorded in
 * their pid files; never by name, so nothing else on the machine is touched. A pid is trusted
 * only while its process still carries the node's marker argument, in case the pid was reused.
 */
final class NodeProcesses {
  /** Extra JVM flags for the nodes, replacing {@link #DEFAULT_JVM_OPTS}. */
  static final String ENV_JVM_OPTS = "BFS_LOCAL_JAVA_OPTS";
  /** Six JVMs share a laptop: bounded heaps, and the serial collector's few threads. */
  private static final String DEFAULT_JVM_OPTS = "-Xmx512m -XX:+UseSerialGC";
  private static final String MARKER = "-Dbfs.local.node=";

  private final LocalCluster cluster;
  private final String java;
  private final String classpath;
  private final List<String> jvmOptions;

  NodeProcesses(LocalCluster cluster, Map<String, String> env) {
    this.cluster = cluster;
    this.java = javaBinary(env);
    this.classpath = System.getProperty("java.class.path");
    String opts = env.getOrDefault(ENV_JVM_OPTS, DEFAULT_JVM_OPTS);
    this.jvmOptions = Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  /** The java running this shell: the nodes get the same JVM and the same jars. */
  private static String javaBinary(Map<String, String> env) {
    return ProcessHandle.current().info().command().orElseGet(() -> {
      String home = env.get("JAVA_HOME");
      return home != null ? Path.of(home, "bin", "java").toString() : "java";
    });
  }

  /** The node's process, if its pid file names a live process that is that node. */
  Optional<ProcessHandle> running(LocalNode n) {
    Path pidFile = cluster.pidFile(n);
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isNode(p, n));
  }

  private boolean isNode(ProcessHandle p, LocalNode n) {
    Optional<String[]> args = p.info().arguments();
    // Where the OS does not tell a process' arguments, the pid file is all there is to go by.
    return args.isEmpty() || Arrays.asList(args.get()).contains(marker(n));
  }

  private String marker(LocalNode n) {
    return MARKER + cluster.conf(n).toAbsolutePath();
  }

  /** Starts the node in the background, its output appended to its log; returns its process. */
  ProcessHandle start(LocalNode n) throws IOException {
    Files.createDirectories(cluster.data(n));
    List<String> command = new ArrayList<>();
    setsid().ifPresent(command::add);
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(List.of(marker(n), "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
        "-Dorg.slf4j.simpleLogger.log.org.apache.ratis=warn",
        "-cp", classpath, n.kind().mainClass, "--conf", cluster.conf(n).toAbsolutePath().toString()));
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(cluster.log(n).toFile()))
        .redirectErrorStream(true)
        .start();
    Files.writeString(cluster.pidFile(n), process.pid() + "\n");
    return process.toHandle();
  }

  /**
   * A new session for the node, where setsid exists: a Ctrl-C or a closed terminal that ends
   * the shell which started the cluster does not reach the cluster.
   */
  private static Optional<String> setsid() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "setsid");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /** SIGTERM, up to {@code grace} to exit cleanly, then SIGKILL. Returns false if it was not running. */
  boolean stop(LocalNode n, Duration grace) throws IOException {
    Optional<ProcessHandle> p = running(n);
    if (p.isEmpty()) {
      Files.deleteIfExists(cluster.pidFile(n));
      return false;
    }
    stop(n, p.get(), grace);
    return true;
  }

  /** Stops the node's process {@code p} (found by {@link #running}): SIGTERM, then SIGKILL after {@code grace}. */
  void stop(LocalNode n, ProcessHandle p, Duration grace) throws IOException {
    p.destroy();
    if (!awaitExit(p, grace)) {
      p.destroyForcibly();
      awaitExit(p, grace);
    }
    Files.deleteIfExists(cluster.pidFile(n));
  }

  /** SIGKILL, as a crash would. Returns false if it was not running. */
  boolean kill(LocalNode n) throws IOException {
    Optional<ProcessHandle> p = running(n);
    if (p.isEmpty()) {
      return false;
    }
    p.get().destroyForcibly();
    awaitExit(p.get(), Duration.ofSeconds(10));
    Files.deleteIfExists(cluster.pidFile(n));
    return true;
  }

  static boolean awaitExit(ProcessHandle p, Duration timeout) {
    try {
      p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }
}
