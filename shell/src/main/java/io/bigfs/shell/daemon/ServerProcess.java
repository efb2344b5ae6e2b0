package io.bigfs.shell.daemon;

import io.bigfs.common.cli.ServerMain;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server JVM (a master or a chunkserver) run in the background and known by its pid file;
 * stopped by that pid, never by name, so nothing else on the machine is touched. A pid is trusted
 * only while its process still carries the marker argument {@code -D<markerProperty>=<conf>}, in
 * case the pid was reused after the server died. {@code bfs local} and {@code bfs daemon} both
 * run their servers through this class.
 *
 * @param mainClass      the server's main class
 * @param conf           its configuration file, given to it as {@code --conf}
 * @param pidFile        written at start, removed at stop
 * @param log            the server's stdout and stderr are appended here
 * @param markerProperty the system property naming {@code conf} on the server's command line
 */
public record ServerProcess(String mainClass, Path conf, Path pidFile, Path log, String markerProperty) {
  private static final int LOG_TAIL_LINES = 15;

  /** The server's process, if the pid file names a live process that is this server. */
  public Optional<ProcessHandle> running() {
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isThisServer);
  }

  private boolean isThisServer(ProcessHandle p) {
    Optional<String[]> args = p.info().arguments();
    // Where the OS does not tell a process' arguments, the pid file is all there is to go by.
    return args.isEmpty() || Arrays.asList(args.get()).contains(marker());
  }

  private String marker() {
    return "-D" + markerProperty + "=" + conf.toAbsolutePath();
  }

  /** Starts the server in a new session, its output appended to its log; returns its process. */
  public ProcessHandle start(Jvm jvm) throws IOException {
    List<String> command = new ArrayList<>();
    setsid().ifPresent(command::add);
    command.add(jvm.java());
    command.addAll(jvm.options());
    command.addAll(List.of(marker(), "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
        "-Dorg.slf4j.simpleLogger.log.org.apache.ratis=warn",
        mainClass, "--conf", conf.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true);
    // The jars go in CLASSPATH, not -cp: a command line past a page (dozens of jar paths) hides
    // its arguments from ProcessHandle.Info on Linux, and with them the marker.
    builder.environment().put("CLASSPATH", jvm.classpath());
    Process process = builder.start();
    Files.writeString(pidFile, process.pid() + "\n");
    return process.toHandle();
  }

  /**
   * A new session for the server, where setsid exists: a Ctrl-C or a closed terminal that ends
   * the command which started the server does not reach the server.
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
  public boolean stop(Duration grace) throws IOException {
    Optional<ProcessHandle> p = running();
    if (p.isEmpty()) {
      Files.deleteIfExists(pidFile);
      return false;
    }
    stop(p.get(), grace);
    return true;
  }

  /** Stops the server's process {@code p} (found by {@link #running}): SIGTERM, then SIGKILL after {@code grace}. */
  public void stop(ProcessHandle p, Duration grace) throws IOException {
    p.destroy();
    if (!awaitExit(p, grace)) {
      p.destroyForcibly();
      awaitExit(p, grace);
    }
    Files.deleteIfExists(pidFile);
  }

  /** SIGKILL, as a crash would. Returns false if it was not running. */
  public boolean kill() throws IOException {
    Optional<ProcessHandle> p = running();
    if (p.isEmpty()) {
      return false;
    }
    p.get().destroyForcibly();
    awaitExit(p.get(), Duration.ofSeconds(10));
    Files.deleteIfExists(pidFile);
    return true;
  }

  /**
   * Waits until {@code p}, just started, is up (true) or has exited (false). Up means it logged
   * that it started, or that its configuration was accepted and it has kept running for
   * {@code grace} since (a chunkserver waits for a master before it says it started). A server
   * still silent after {@code timeout} counts as up: it is alive, and its log will say the rest.
   */
  public boolean awaitStarted(ProcessHandle p, String name, Duration grace, Duration timeout) throws IOException {
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    long acceptedAt = 0;
    while (System.nanoTime() < deadline) {
      if (awaitExit(p, Duration.ofMillis(100))) {
        return false;
      }
      String logged = logSince(logStart);
      if (logged.contains(ServerMain.startedLine(name))) {
        return true;
      }
      if (acceptedAt == 0 && logged.contains(ServerMain.startingLine(name))) {
        acceptedAt = System.nanoTime();
      }
      if (acceptedAt != 0 && System.nanoTime() - acceptedAt > grace.toNanos()) {
        return true;
      }
    }
    return p.isAlive();
  }

  private String logSince(long offset) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    try (FileChannel ch = FileChannel.open(log)) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(1 << 20, ch.size() - offset)));
      ch.read(buf, offset);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
  }

  /** True if {@code p} exited within {@code timeout}. */
  public static boolean awaitExit(ProcessHandle p, Duration timeout) {
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

  /** The last lines of the server's log, to say why it stopped. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read the log: " + e.getMessage() + ")";
    }
  }
}
