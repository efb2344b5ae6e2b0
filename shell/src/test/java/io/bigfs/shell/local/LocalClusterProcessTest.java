package io.bigfs.shell.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/bfs as a person uses it: {@code bfs local start} runs three masters and three
 * chunkservers as real processes, then file commands go through bin/bfs, then nodes are
 * killed with SIGKILL and the data must still come back whole.
 *
 * <p>Which jars: the shell module is built before deploy, so during {@code mvn install}
 * deploy/target/lib does not exist yet, or holds the previous build. bin/bfs takes its
 * classpath from BFS_CLASSPATH when set, and this test sets it to the test JVM's own
 * classpath, which holds the shell's fresh classes and (through bigfs-testing) the master's and
 * chunkserver's: the processes run exactly the code under test.
 */
class LocalClusterProcessTest {
  private static final Path BFS = Path.of("..", "bin", "bfs").toAbsolutePath().normalize();

  @TempDir
  static Path work;
  static Path clusterDir;

  @BeforeAll
  static void start() throws Exception {
    clusterDir = work.resolve(".bfs-local");
    Run r = bfs("local", "start", "--dir", clusterDir.toString());
    assertThat(r.code).as(r.toString()).isZero();
    for (String node : List.of("m1", "m2", "m3", "cs1", "cs2", "cs3")) {
      assertThat(r.out).containsPattern("(?m)^" + node + " +running +\\d+ +127\\.0\\.0\\.1:\\d+ .* yes +"
          + "http://127\\.0\\.0\\.1:\\d+/metrics$");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (clusterDir == null) {
      return;
    }
    Run r = bfs("local", "stop", "--dir", clusterDir.toString());
    assertThat(r.code).as(r.toString()).isZero();
    try (var pidFiles = Files.list(clusterDir)) {
      assertThat(pidFiles.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".pid"));
    }
    assertThat(bfs("local", "status", "--dir", clusterDir.toString()).out).doesNotContain("running");
  }

  @Test
  void filesSurviveAChunkserverAndTheLeaderMasterBeingKilled() throws Exception {
    byte[] data = new byte[700_000];
    new Random(42).nextBytes(data);
    Files.write(work.resolve("data.bin"), data);
    Files.writeString(work.resolve("notes.txt"), "hello from bin/bfs\n");

    // The shell finds the masters through .bfs-local in its working directory: no flags.
    ok("mkdir", "/p");
    ok("put", "data.bin", "notes.txt", "/p");
    assertThat(ok("ls", "/p").out).isEqualTo("data.bin\nnotes.txt\n");
    ok("get", "/p/data.bin", "back.bin");
    assertThat(Files.readAllBytes(work.resolve("back.bin"))).isEqualTo(data);
    assertThat(ok("cat", "/p/notes.txt").out).isEqualTo("hello from bin/bfs\n");

    Map<String, String> pids = pids();
    Run again = bfs("local", "start", "--dir", clusterDir.toString());
    assertThat(again.code).as(again.toString()).isZero();
    assertThat(again.out).contains("m1: already running", "cs3: already running").doesNotContain("started");
    assertThat(pids()).isEqualTo(pids);

    assertThat(ok("local", "kill", "cs1").out).startsWith("cs1: killed (pid " + pids.get("cs1") + ")");
    // Past the cache: the bytes must come from the replicas still alive.
    ok("get", "-f", "--no-cache", "/p/data.bin", "back.bin");
    assertThat(Files.readAllBytes(work.resolve("back.bin"))).isEqualTo(data);

    String leader = leader();
    ok("local", "kill", leader);
    long killedNs = System.nanoTime();
    assertThat(ok("ls", "/p").out).isEqualTo("data.bin\nnotes.txt\n");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedNs)).as("seconds to fail over").isLessThan(20);
    assertThat(ok("local", "status").out).containsPattern("(?m)^cs1 +stopped ").containsPattern("(?m)^" + leader + " +stopped ");

    ok("rm", "-r", "/p");
    Run gone = bfs("ls", "/p");
    assertThat(gone.code).isEqualTo(1);
    assertThat(gone.err).isEqualTo("bfs: /p: No such file or directory\n");

    assertThat(ok("local", "restart", "cs1").out).contains("cs1: started", "cs1: ready");
  }

  private static String leader() throws Exception {
    JsonObject doc = JsonParser.parseString(ok("admin", "masters", "--json").out).getAsJsonObject();
    for (JsonElement m : doc.getAsJsonArray("masters")) {
      if (m.getAsJsonObject().get("role").getAsString().equals("LEADER")) {
        return m.getAsJsonObject().get("id").getAsString();
      }
    }
    throw new AssertionError("no leader in " + doc);
  }

  private static Map<String, String> pids() throws IOException {
    Map<String, String> pids = new TreeMap<>();
    try (var files = Files.list(clusterDir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        pids.put(p.getFileName().toString().replace(".pid", ""), Files.readString(p).trim());
      }
    }
    return pids;
  }

  /** What one bin/bfs run did. */
  record Run(int code, String out, String err) {}

  private static Run ok(String... args) throws Exception {
    Run r = bfs(args);
    assertThat(r.code).as(r.toString()).isZero();
    return r;
  }

  /** Runs bin/bfs in {@link #work}, with this JVM's classpath (see the class comment). */
  private static Run bfs(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(BFS.toString()));
    command.addAll(List.of(args));
    File out = work.resolve("bfs.out").toFile();
    File err = work.resolve("bfs.err").toFile();
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("BFS_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().remove("BFS_MASTERS");
    pb.environment().remove("BFS_LOCAL_DIR");
    pb.environment().put("BFS_CACHE_DIR", work.resolve("cache").toString());
    // Six server JVMs start at once on a small machine: C1 only and a serial GC start faster.
    pb.environment().put("BFS_LOCAL_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bfs " + String.join(" ", args) + " did not finish in 180 s");
    }
    return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
