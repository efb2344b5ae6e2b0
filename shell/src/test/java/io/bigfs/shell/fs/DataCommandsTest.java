package io.bigfs.shell.fs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bigfs.client.BfsClient;
import io.bigfs.client.ChunkInfo;
import io.bigfs.shell.BfsTester.Result;
import io.bigfs.shell.BfsTester;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** put, get, cp, cat, tail, du, setrep and fsck against a MiniCluster (1 MiB chunks), checking the bytes. */
class DataCommandsTest {
  static MiniCluster cluster;
  static BfsTester bfs;
  static Path local;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    local = dir;
    bfs = new BfsTester(cluster.masterAddresses(), dir);
  }

  @AfterAll
  static void stop() {
    bfs.close();
    cluster.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static Path file(String name, byte[] content) throws IOException {
    Path p = local.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, content);
  }

  @Test
  void putThenGetAndCatGiveBackTheSameBytesAcrossChunks() throws IOException {
    byte[] data = random(3 * 1024 * 1024 + 12345, 1);
    Path src = file("big.bin", data);
    bfs.ok("mkdir", "/data");
    bfs.ok("put", src.toString(), "/data/");
    assertThat(bfs.ok("stat", "/data/big.bin").out()).contains("3158073 bytes", "Chunks:", "4");
    bfs.ok("get", "/data/big.bin", "copy.bin");
    assertThat(Files.readAllBytes(local.resolve("copy.bin"))).isEqualTo(data);
    assertThat(bfs.ok("cat", "/data/big.bin").outBytes()).isEqualTo(data);
    try (Stream<Path> left = Files.list(local)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".bfs-part"));
    }
  }

  @Test
  void putOfSeveralFilesGoesIntoADirectoryAndNeedsOne() throws IOException {
    Path a = file("several/a.txt", "alpha\n".getBytes(StandardCharsets.UTF_8));
    Path b = file("several/b.txt", "beta\n".getBytes(StandardCharsets.UTF_8));
    Result r = bfs.run("put", a.toString(), b.toString(), "/several-missing");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /several-missing: No such file or directory\n");
    bfs.ok("mkdir", "/several");
    bfs.ok("put", a.toString(), b.toString(), "/several");
    assertThat(bfs.ok("cat", "/several/a.txt", "several/b.txt").out()).isEqualTo("alpha\nbeta\n");
  }

  @Test
  void putDoesNotOverwriteWithoutF() throws IOException {
    Path v1 = file("v1.txt", "one".getBytes(StandardCharsets.UTF_8));
    Path v2 = file("v2.txt", "two".getBytes(StandardCharsets.UTF_8));
    bfs.ok("put", v1.toString(), "/version.txt");
    Result r = bfs.run("put", v2.toString(), "/version.txt");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /version.txt: File exists\n");
    assertThat(bfs.ok("cat", "/version.txt").out()).isEqualTo("one");
    bfs.ok("put", "-f", v2.toString(), "/version.txt");
    assertThat(bfs.ok("cat", "/version.txt").out()).isEqualTo("two");
  }

  @Test
  void putOfAMissingLocalFileFails() {
    Result r = bfs.run("put", "no-such-file.txt", "/x.txt");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: no-such-file.txt: No such file or directory\n");
  }

  @Test
  void directoriesNeedRAndCopyWhole() throws IOException {
    file("tree/top.txt", "top".getBytes(StandardCharsets.UTF_8));
    file("tree/sub/deep.bin", random(200_000, 2));
    Files.createDirectories(local.resolve("tree/empty"));
    Result r = bfs.run("put", "tree", "/tree");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("tree: Is a directory (use -r");
    bfs.ok("put", "-r", "tree", "/tree");
    assertThat(bfs.ok("ls", "-R", "/tree").out()).isEqualTo("/tree:\nempty\nsub\ntop.txt\n\n/tree/empty:\n\n/tree/sub:\ndeep.bin\n");
    bfs.ok("get", "-r", "/tree", "tree-back");
    assertSameTree(local.resolve("tree"), local.resolve("tree-back"));
  }

  @Test
  void cpCopiesInEveryDirectionWithTheBfsPrefix() throws IOException {
    byte[] notes = random(70_000, 3);
    file("notes.txt", notes);
    bfs.ok("mkdir", "/docs");
    bfs.ok("cp", "notes.txt", "bfs://docs/notes.txt");
    bfs.ok("cp", "bfs://docs/notes.txt", "bfs:///docs/again.txt");
    bfs.ok("cp", "bfs://docs/again.txt", "from-bfs.txt");
    assertThat(Files.readAllBytes(local.resolve("from-bfs.txt"))).isEqualTo(notes);
    assertThat(bfs.ok("cat", "/docs/again.txt").outBytes()).isEqualTo(notes);
    bfs.ok("cp", "-r", "bfs://docs", "bfs://docs-copy");
    assertThat(bfs.ok("ls", "/docs-copy").out()).isEqualTo("again.txt\nnotes.txt\n");
  }

  @Test
  void aDestinationWrittenAsADirectoryIsMadeIfMissing() throws IOException {
    file("iso.bin", random(5000, 12));
    bfs.ok("cp", "iso.bin", "bfs://isos/2026/");
    assertThat(bfs.ok("ls", "/isos/2026").out()).isEqualTo("iso.bin\n");
    bfs.ok("get", "/isos/2026/iso.bin", "fetched/");
    assertThat(Files.readAllBytes(local.resolve("fetched/iso.bin"))).isEqualTo(random(5000, 12));
  }

  @Test
  void cpWithoutABigFsPathIsAUsageError() {
    Result r = bfs.run("cp", "a", "b");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no BigFS path");
  }

  @Test
  void cpOfADirectoryIntoItselfIsRefused() {
    bfs.ok("mkdir", "-p", "/loop/in");
    Result r = bfs.run("cp", "-r", "bfs:///loop", "bfs:///loop/in");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot copy a directory into itself");
  }

  @Test
  void getDoesNotOverwriteALocalFileWithoutF() throws IOException {
    file("kept.txt", "local".getBytes(StandardCharsets.UTF_8));
    file("remote.txt", "remote".getBytes(StandardCharsets.UTF_8));
    bfs.ok("put", "remote.txt", "/remote.txt");
    Result r = bfs.run("get", "/remote.txt", "kept.txt");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: kept.txt: File exists\n");
    assertThat(Files.readString(local.resolve("kept.txt"))).isEqualTo("local");
    bfs.ok("get", "-f", "/remote.txt", "kept.txt");
    assertThat(Files.readString(local.resolve("kept.txt"))).isEqualTo("remote");
  }

  @Test
  void catGoesOnAfterAMissingFileAndRefusesDirectories() throws IOException {
    file("c.txt", "cee\n".getBytes(StandardCharsets.UTF_8));
    bfs.ok("put", "c.txt", "/c.txt");
    bfs.ok("mkdir", "/cat-dir");
    Result r = bfs.run("cat", "/cat-missing", "/c.txt", "/cat-dir");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("cee\n");
    assertThat(r.err()).isEqualTo("bfs: /cat-missing: No such file or directory\nbfs: /cat-dir: Is a directory\n");
  }

  @Test
  void tailPrintsTheLastBytes() throws IOException {
    byte[] data = random(1_500_000, 4);
    file("tail.bin", data);
    bfs.ok("put", "tail.bin", "/tail.bin");
    assertThat(bfs.ok("tail", "/tail.bin").outBytes()).isEqualTo(Arrays.copyOfRange(data, data.length - 1024, data.length));
    assertThat(bfs.ok("tail", "-c", "10", "/tail.bin").outBytes())
        .isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
    assertThat(bfs.ok("tail", "-c", "2m", "/tail.bin").outBytes()).isEqualTo(data);
    assertThat(bfs.run("tail", "-c", "lots", "/tail.bin").code()).isEqualTo(2);
  }

  @Test
  void catGetAndTailReadThroughTheCacheUnlessToldNotTo() throws IOException {
    byte[] data = random(700_000, 9);
    file("cached.bin", data);
    bfs.ok("put", "cached.bin", "/cached.bin");
    bfs.ok("cache", "clear");
    assertThat(bfs.ok("cat", "/cached.bin").outBytes()).isEqualTo(data);
    assertThat(bfs.ok("cat", "/cached.bin").outBytes()).isEqualTo(data);
    assertThat(bfs.ok("tail", "-c", "10", "/cached.bin").outBytes())
        .isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
    bfs.ok("get", "/cached.bin", "cached-copy.bin");
    assertThat(Files.readAllBytes(local.resolve("cached-copy.bin"))).isEqualTo(data);
    // Past the cache: neither counted nor kept.
    assertThat(bfs.ok("cat", "--no-cache", "/cached.bin").outBytes()).isEqualTo(data);
    bfs.ok("tail", "--no-cache", "/cached.bin");
    bfs.ok("get", "-f", "--no-cache", "/cached.bin", "cached-copy.bin");
    bfs.ok("cp", "bfs://cached.bin", "cp-copy.bin");

    JsonObject stats = JsonParser.parseString(bfs.ok("cache", "stats", "--json").out()).getAsJsonObject();
    assertThat(stats.get("hits").getAsLong()).as("cat, tail, get").isEqualTo(3);
    assertThat(stats.get("misses").getAsLong()).isEqualTo(1);
    assertThat(stats.get("entries").getAsLong()).isEqualTo(1);
    assertThat(stats.get("bytes").getAsLong()).isBetween(700_000L, 701_000L);
    assertThat(bfs.ok("cache", "stats").out()).containsPattern("(?m)^Hits: +3$").containsPattern("(?m)^Misses: +1$")
        .containsPattern("(?m)^Entries: +1$");
    assertThat(bfs.ok("cache", "clear").out())
        .isEqualTo("Removed 1 entry from " + bfs.session().cacheConfig().dir() + ".\n");
    assertThat(bfs.ok("cache", "stats", "--json").out()).contains("\"entries\": 0", "\"hits\": 0");
  }

  @Test
  void duCountsBytesAndReplicas() throws IOException {
    file("du/one.bin", random(1000, 5));
    file("du/sub/two.bin", random(3000, 6));
    bfs.ok("put", "-r", "du", "/du");
    bfs.ok("setrep", "2", "/du/sub/two.bin");
    assertThat(bfs.ok("du", "/du").out()).isEqualTo("1000  3000  /du/one.bin\n3000  6000  /du/sub\n");
    assertThat(bfs.ok("du", "-s", "/du").out()).isEqualTo("4000  9000  /du\n");
    assertThat(bfs.ok("du", "-s", "-h", "/du").out()).isEqualTo("3.9 KiB  8.8 KiB  /du\n");
  }

  @Test
  void setrepChangesEveryFileBelowADirectory() throws IOException {
    file("rep/a", random(10, 7));
    file("rep/b/c", random(10, 8));
    bfs.ok("put", "-r", "rep", "/rep");
    assertThat(bfs.ok("setrep", "1", "/rep").out()).isEqualTo("Replication 1 set: /rep/a\nReplication 1 set: /rep/b/c\n");
    assertThat(bfs.ok("stat", "/rep/b/c").out()).containsPattern("Replication: +1\n");
    assertThat(bfs.run("setrep", "0", "/rep").code()).isEqualTo(2);
  }

  @Test
  void putWithReplicationAndChunkSizeOptions() throws IOException {
    file("opts.bin", random(300_000, 9));
    bfs.ok("put", "--replication", "2", "--chunk-size", "128k", "opts.bin", "/opts.bin");
    JsonObject f = JsonParser.parseString(bfs.ok("stat", "--json", "/opts.bin").out()).getAsJsonObject();
    assertThat(f.get("replication").getAsInt()).isEqualTo(2);
    assertThat(f.get("chunkSize").getAsLong()).isEqualTo(128 * 1024);
    assertThat(f.get("chunks").getAsLong()).isEqualTo(3);
  }

  @Test
  void fsckReportsHealthyFilesThenAMissingChunkWithExitCode1() throws IOException {
    file("fsck/safe.bin", random(2_500_000, 10));
    file("fsck/single.bin", random(1000, 11));
    bfs.ok("mkdir", "/fsck");
    bfs.ok("put", "fsck/safe.bin", "/fsck/safe.bin");
    bfs.ok("put", "--replication", "1", "fsck/single.bin", "/fsck/single.bin");
    Result healthy = bfs.ok("fsck", "/fsck");
    assertThat(healthy.out()).contains("/fsck/safe.bin: 3 chunks, 3/3 replicas, HEALTHY",
        "/fsck/single.bin: 1 chunk, 1/1 replicas, HEALTHY", "Status of /fsck: HEALTHY", "Files: 2  Chunks: 4");

    int holder = holderOf("/fsck/single.bin");
    cluster.killChunkserver(holder);
    try {
      // Once the masters declare the node dead, both files lack its replicas.
      Result missing = Wait.forValue("fsck to see the dead node", Duration.ofSeconds(30), () -> {
        Result r = bfs.run("fsck", "/fsck");
        return r.code() == 1 && r.out().contains("/fsck/safe.bin: 3 chunks, 2/3 replicas, UNDER-REPLICATED") ? r : null;
      });
      assertThat(missing.out()).contains("/fsck/single.bin: 1 chunk, 0/1 replicas, MISSING",
          "  chunk 0 (id ", "0 of 1 replicas, MISSING", "Status of /fsck: CORRUPT",
          "Healthy chunks: 0  Under-replicated: 3  Missing: 1");
      JsonObject doc = JsonParser.parseString(bfs.run("fsck", "--json", "/fsck").out()).getAsJsonObject();
      assertThat(doc.get("status").getAsString()).isEqualTo("CORRUPT");
      assertThat(doc.get("missingChunks").getAsLong()).isEqualTo(1);
      JsonObject single = doc.getAsJsonArray("entries").asList().stream().map(e -> e.getAsJsonObject())
          .filter(e -> e.get("path").getAsString().equals("/fsck/single.bin")).findFirst().orElseThrow();
      assertThat(single.get("openForWriting").getAsBoolean()).isFalse();
      JsonObject problem = single.getAsJsonArray("problems").get(0).getAsJsonObject();
      assertThat(problem.get("complete").getAsBoolean()).isTrue();
      assertThat(problem.get("status").getAsString()).isEqualTo("MISSING");
    } finally {
      cluster.startChunkserver(holder);
    }
    Wait.until("fsck healthy again", Duration.ofSeconds(30), () -> bfs.run("fsck", "/fsck").code() == 0);
  }

  /** Index in the MiniCluster of the chunkserver holding the file's only replica. */
  private static int holderOf(String path) throws IOException {
    try (BfsClient client = BfsClient.connect(cluster.masterAddresses())) {
      List<ChunkInfo> chunks = client.chunks(path, 0, 0);
      String address = chunks.get(0).nodes().get(0);
      for (int i = 0; i < cluster.chunkserverCount(); i++) {
        if (cluster.chunkserver(i).address().equals(address)) {
          return i;
        }
      }
      throw new AssertionError("no chunkserver at " + address);
    }
  }

  private static void assertSameTree(Path expected, Path actual) throws IOException {
    try (Stream<Path> walk = Files.walk(expected)) {
      for (Path p : walk.toList()) {
        Path other = actual.resolve(expected.relativize(p).toString());
        assertThat(Files.isDirectory(other)).as(other.toString()).isEqualTo(Files.isDirectory(p));
        if (Files.isRegularFile(p)) {
          assertThat(Files.readAllBytes(other)).as(other.toString()).isEqualTo(Files.readAllBytes(p));
        }
      }
    }
    try (Stream<Path> walk = Files.walk(actual)) {
      assertThat(walk.count()).isEqualTo(Files.walk(expected).count());
    }
  }
}
