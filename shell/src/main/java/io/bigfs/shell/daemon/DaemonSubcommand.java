package io.bigfs.shell.daemon;

import io.bigfs.common.BfsException;
import io.bigfs.shell.BfsSubcommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the {@code bfs daemon} subcommands share: which server, its configuration file and its
 * pid file. The configuration file names the process too: a pid counts as the server only while
 * that process carries the file's path on its command line. Every subcommand takes the same
 * options, so that a supervisor (the Ansible roles) can pass one set to each.
 */
abstract class DaemonSubcommand extends BfsSubcommand {
  static final String MARKER_PROPERTY = "bfs.daemon.conf";
  /** Exit code of {@code status} for a server that is not running, as LSB init scripts have it. */
  static final int NOT_RUNNING = 3;
  /** Long enough for the configuration to be read and the ports bound, short enough to wait for. */
  /** How long a server may take to start (a JVM on a loaded machine is slow) before we stop waiting. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  /** How long a server that accepted its configuration must stay up to count as started. */
  private static final Duration STARTUP_GRACE = Duration.ofSeconds(2);

  /** The servers a host runs, named as they are typed on the command line. */
  enum Server {
    master("io.bigfs.master.MasterMain"),
    chunkserver("io.bigfs.chunkserver.ChunkserverMain");

    final String mainClass;

    Server(String mainClass) {
      this.mainClass = mainClass;
    }
  }

  @Parameters(index = "0", paramLabel = "SERVER", description = "master or chunkserver.")
  Server server;

  @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The server's configuration file.")
  Path conf;

  @Option(names = "--pid-file", required = true, paramLabel = "FILE", description = "Where the server's pid is kept.")
  Path pidFile;

  @Option(names = "--log-file", paramLabel = "FILE",
      description = "Where the server's output is appended (default: the pid file's name ending in .log).")
  Path logFile;

  @Option(names = "--java-opts", paramLabel = "FLAGS", defaultValue = "",
      description = "JVM flags for the server, separated by spaces (e.g. --java-opts='-Xmx4g -XX:+UseG1GC').")
  String javaOpts;

  @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long the server may take to stop before it is killed (default ${DEFAULT-VALUE}).")
  int graceSeconds;

  DaemonSubcommand(Session session) {
    super(session);
  }

  ServerProcess process() {
    Path pid = absolute(pidFile);
    Path log = logFile != null ? absolute(logFile)
        : pid.resolveSibling(pid.getFileName().toString().replaceFirst("\\.pid$", "") + ".log");
    return new ServerProcess(server.mainClass, absolute(conf), pid, log, MARKER_PROPERTY);
  }

  private Path absolute(Path p) {
    return session.localDir().resolve(p).toAbsolutePath().normalize();
  }

  /**
   * Starts the server unless it is already running. A server that exits within its first
   * seconds (a bad configuration, a port in use) fails the command with the end of its log.
   */
  int start(ServerProcess process) throws IOException {
    Optional<ProcessHandle> running = process.running();
    if (running.isPresent()) {
      out().println(server + ": already running (pid " + running.get().pid() + ")");
      return OK;
    }
    if (!Files.isRegularFile(process.conf())) {
      throw BfsException.invalid(process.conf() + ": no such configuration file");
    }
    Files.createDirectories(process.pidFile().getParent());
    Files.createDirectories(process.log().getParent());
    ProcessHandle p = process.start(Jvm.current(session.env(), javaOpts));
    if (!process.awaitStarted(p, server.toString(), STARTUP_GRACE, STARTUP_WAIT)) {
      Files.deleteIfExists(process.pidFile());
      session.err().println("bfs: " + server + " exited at start; the end of " + process.log() + ":\n"
          + process.logTail());
      return FAILED;
    }
    out().println(server + ": started (pid " + p.pid() + ")");
    return OK;
  }

  /** Stops the server if it runs: SIGTERM, then SIGKILL after the grace period. */
  void stop(ServerProcess process) throws IOException {
    Duration grace = Duration.ofSeconds(graceSeconds);
    Optional<ProcessHandle> running = process.running();
    if (running.isEmpty()) {
      // A pid file left by a crash names no server: clear it, or a reused pid could one day match.
      process.stop(grace);
      out().println(server + ": not running");
      return;
    }
    process.stop(running.get(), grace);
    out().println(server + ": stopped (pid " + running.get().pid() + ")");
  }
}
