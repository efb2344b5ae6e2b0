package io.bigfs.bench.chaos;

import io.bigfs.common.FileTrees;
import io.bigfs.shell.Bfs;
import io.bigfs.shell.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The processes of a {@code bfs local} cluster, driven through the shell's own commands (start,
 * kill, restart, stop) and, for what the shell does not do, through their pid files and data
 * folders: pausing a process with SIGSTOP, rotting a chunk file, wiping a master's disk.
 */
final class LocalNodes implements AutoCloseable {
  static final List<String> MASTERS = List.of("m1", "m2", "m3");
  static final List<String> CHUNKSERVERS = List.of("cs1", "cs2", "cs3");
  /** Room enough for a long run's files (tmpfs takes memory only for what is stored). */
  private static final int SMALL_DISK_MB = 2048;
  /** Six server JVMs and the workload share two cores: small heaps, quick start-up. */
  private static final String NODE_JVM_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  private final Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Session session;
  /** Each chunkserver's data folder on a file system of its own, when the machine allows it. */
  private final SmallDisks disks;

  /** What one command printed and returned. */
  record Result(int code, String out) {}

  LocalNodes(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("BFS_MASTERS");
    env.remove("BFS_LOCAL_DIR");
    env.put("BFS_LOCAL_JAVA_OPTS", System.getProperty("bfs.chaos.node.opts", NODE_JVM_OPTS));
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.session = new Session(print, print, env, this.dir, false);
    this.disks = new SmallDisks(CHUNKSERVERS.stream().map(this.dir::resolve).toList(), SMALL_DISK_MB);
  }

  /** Why a chunkserver's disk cannot be filled here, or null when it can. */
  String diskFullUnavailable() {
    return disks.unavailable();
  }

  /** Fills a chunkserver's disk to the last byte; returns the bytes it took. */
  long fillDisk(String chunkserver) throws IOException {
    return SmallDisks.fill(dir.resolve(chunkserver));
  }

  void freeDisk(String chunkserver) throws IOException {
    SmallDisks.free(dir.resolve(chunkserver));
  }

  /** Starts every node that is not running and waits until the cluster serves. */
  void start() {
    ok("local", "start", "--dir", dir.toString(), "--timeout", "180");
  }

  String masters() throws IOException {
    return Files.readString(dir.resolve("masters")).trim();
  }

  void kill(String node) {
    ok("local", "kill", node, "--dir", dir.toString());
  }

  void restart(String node) {
    ok("local", "restart", node, "--dir", dir.toString(), "--timeout", "120");
  }

  /** Sends a signal (STOP, CONT) to a node's process, found by its pid file. */
  void signal(String node, String signal) throws IOException, InterruptedException {
    String pid = Files.readString(dir.resolve(node + ".pid")).trim();
    Process p = new ProcessBuilder("kill", "-" + signal, pid).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " (" + node + ") failed: "
          + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Deletes a stopped node's whole data folder (for a master: Raft log, snapshots, RocksDB). */
  void wipe(String node) throws IOException {
    FileTrees.delete(dir.resolve(node));
  }

  /** Every finalized chunk data file of a chunkserver, in name order. */
  List<Path> chunkFiles(String chunkserver) throws IOException {
    Path data = dir.resolve(chunkserver);
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(p -> p.toString().endsWith(".chunk") && !p.getParent().getFileName().toString().equals("tmp"))
          .sorted().toList();
    }
  }

  /**
   * The last {@code max} lines of the nodes' logs that mention {@code words} (say "chunk 42", but
   * not "chunk 421"), each prefixed with its node, in node order.
   */
  List<String> logLinesMentioning(String words, int max) throws IOException {
    Pattern mention = Pattern.compile("\\b" + Pattern.quote(words) + "\\b");
    List<String> found = new ArrayList<>();
    for (String node : Stream.concat(MASTERS.stream(), CHUNKSERVERS.stream()).toList()) {
      Path log = dir.resolve(node + ".log");
      if (Files.isRegularFile(log)) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
          lines.filter(l -> mention.matcher(l).find()).forEach(l -> found.add(node + ": " + l));
        }
      }
    }
    return found.subList(Math.max(0, found.size() - max), found.size());
  }

  /** Stops every node (SIGTERM, then SIGKILL); resumes paused ones first so that they can exit. */
  @Override
  public void close() {
    for (String node : Stream.concat(MASTERS.stream(), CHUNKSERVERS.stream()).toList()) {
      try {
        signal(node, "CONT");
      } catch (IOException | InterruptedException e) {
        // not running: nothing to resume
      }
    }
    run("local", "stop", "--dir", dir.toString(), "--grace", "5");
    session.close();
    disks.close();
  }

  /** Runs a bfs command line in this process; a failure is an exception with what it printed. */
  Result ok(String... args) {
    Result r = run(args);
    if (r.code() != 0) {
      throw new IllegalStateException("bfs " + String.join(" ", args) + " failed: " + r.out().strip());
    }
    return r;
  }

  synchronized Result run(String... args) {
    out.reset();
    int code = Bfs.run(session, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8));
  }

  /** Runs a client command (fsck, admin ...) against this cluster's masters. */
  Result client(String... args) throws IOException {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--masters", masters())).toArray(String[]::new);
    return run(all);
  }
}
