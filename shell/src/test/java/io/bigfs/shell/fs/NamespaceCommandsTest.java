package io.bigfs.shell.fs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bigfs.shell.BfsTester.Result;
import io.bigfs.shell.BfsTester;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands that only touch the namespace, in-process against a MiniCluster. */
class NamespaceCommandsTest {
  static MiniCluster cluster;
  static BfsTester bfs;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    bfs = new BfsTester(cluster.masterAddresses(), dir);
  }

  @AfterAll
  static void stop() {
    bfs.close();
    cluster.close();
  }

  @Test
  void mkdirMakesDirectoriesAndLsListsThemByName() {
    bfs.ok("mkdir", "/ls", "/ls/b", "/ls/a");
    assertThat(bfs.ok("ls", "/ls").out()).isEqualTo("a\nb\n");
    assertThat(bfs.ok("ls", "ls/").out()).as("relative to /, trailing slash").isEqualTo("a\nb\n");
    assertThat(bfs.ok("ls", "bfs://ls").out()).isEqualTo("a\nb\n");
  }

  @Test
  void mkdirWithoutParentsFailsOnAMissingParentAndGoesOnWithTheRest() {
    Result r = bfs.run("mkdir", "/nope/x", "/mk-ok");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /nope/x: No such file or directory\n");
    assertThat(bfs.ok("stat", "/mk-ok").out()).contains("Type:", "directory");
  }

  @Test
  void mkdirPMakesParentsAndAcceptsExistingDirectories() {
    bfs.ok("mkdir", "-p", "/p/q/r");
    bfs.ok("mkdir", "-p", "/p/q/r");
    assertThat(bfs.ok("ls", "-R", "/p").out()).isEqualTo("/p:\nq\n\n/p/q:\nr\n\n/p/q/r:\n");
  }

  @Test
  void mkdirOfAnExistingDirectoryWithoutPSaysFileExists() {
    bfs.ok("mkdir", "/exists");
    Result r = bfs.run("mkdir", "/exists");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /exists: File exists\n");
  }

  @Test
  void lsLongShowsAlignedPermissionsOwnerGroupAndSize() {
    bfs.ok("mkdir", "-p", "/long/dir");
    bfs.ok("chown", "alice:staff", "/long/dir");
    bfs.ok("chmod", "750", "/long/dir");
    String line = bfs.ok("ls", "-l", "/long").out();
    assertThat(line).matches("drwxr-x---  -  alice  staff  0  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  dir\n");
  }

  @Test
  void lsOfAMissingPathFails() {
    Result r = bfs.run("ls", "/missing");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /missing: No such file or directory\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void lsJsonIsOneDocumentWithFullPaths() {
    bfs.ok("mkdir", "-p", "/js/a/b");
    JsonObject doc = JsonParser.parseString(bfs.ok("ls", "--json", "-R", "/js").out()).getAsJsonObject();
    assertThat(doc.getAsJsonArray("entries")).hasSize(2);
    JsonObject a = doc.getAsJsonArray("entries").get(0).getAsJsonObject();
    assertThat(a.get("path").getAsString()).isEqualTo("/js/a");
    assertThat(a.get("type").getAsString()).isEqualTo("directory");
    assertThat(a.get("mode").getAsString()).isEqualTo("0755");
    assertThat(a.get("children").getAsLong()).isEqualTo(1);
    assertThat(doc.getAsJsonArray("entries").get(1).getAsJsonObject().get("path").getAsString()).isEqualTo("/js/a/b");
  }

  @Test
  void anotherUserActsWithUserOrBfsUserAndIsToldPlainlyWhatIsDenied(@TempDir Path dir) {
    bfs.ok("mkdir", "/owned");
    Result r = bfs.run("--user", "bob", "mkdir", "/owned/x");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: permission denied: user=bob, access=WRITE, path=/owned ("
        + MiniCluster.USER + ":supergroup drwxr-xr-x)\n");
    bfs.ok("mkdir", "/owned/x");
    bfs.ok("chmod", "777", "/owned/x");
    Map<String, String> env = Map.of("BFS_USER", "bob", "BFS_UMASK", "077");
    try (BfsTester asBob = new BfsTester(cluster.masterAddresses(), dir, env)) {
      asBob.ok("mkdir", "-p", "/owned/x/b/c");
      JsonObject made = JsonParser.parseString(asBob.ok("stat", "--json", "/owned/x/b").out()).getAsJsonObject();
      assertThat(made.get("owner").getAsString()).isEqualTo("bob");
      assertThat(made.get("mode").getAsString()).isEqualTo("0700");
      assertThat(asBob.run("--user", "carol", "rm", "-r", "/owned/x/b").err())
          .isEqualTo("bfs: permission denied: user=carol, access=ALL, path=/owned/x/b (bob:supergroup drwx------)\n");
      asBob.ok("rm", "-r", "/owned/x/b");
    }
  }

  @Test
  void statShowsTheEntryAndJsonHasStableFields() {
    bfs.ok("mkdir", "/st");
    bfs.ok("chmod", "0700", "/st");
    assertThat(bfs.ok("stat", "/st").out()).contains("Path:", "/st", "0700 (drwx------)");
    JsonObject doc = JsonParser.parseString(bfs.ok("stat", "--json", "/st").out()).getAsJsonObject();
    assertThat(doc.keySet()).contains("path", "name", "type", "length", "replication", "chunkSize", "chunks",
        "mode", "permissions", "owner", "group", "modifiedMs", "accessedMs", "underConstruction", "inodeId");
    assertThat(doc.get("mode").getAsString()).isEqualTo("0700");
  }

  @Test
  void rmOfANonEmptyDirectoryNeedsR() {
    bfs.ok("mkdir", "-p", "/rm/full/x");
    Result r = bfs.run("rm", "/rm/full");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /rm/full: Directory not empty\n");
    bfs.ok("rm", "-r", "/rm/full");
    assertThat(bfs.ok("ls", "/rm").out()).isEmpty();
  }

  @Test
  void rmOfAMissingPathFailsUnlessForced() {
    Result r = bfs.run("rm", "/rm-missing");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /rm-missing: No such file or directory\n");
    bfs.ok("rm", "-f", "/rm-missing");
  }

  @Test
  void rmRefusesTheRoot() {
    Result r = bfs.run("rm", "-r", "/");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("refusing to remove the root");
  }

  @Test
  void mvRenamesAndMovesIntoADirectory() {
    bfs.ok("mkdir", "-p", "/mv/a", "/mv/b", "/mv/into");
    bfs.ok("mv", "/mv/a", "/mv/renamed");
    bfs.ok("mv", "/mv/b", "/mv/renamed", "/mv/into");
    assertThat(bfs.ok("ls", "/mv").out()).isEqualTo("into\n");
    assertThat(bfs.ok("ls", "/mv/into").out()).isEqualTo("b\nrenamed\n");
  }

  @Test
  void mvOfSeveralSourcesNeedsADirectory() {
    bfs.ok("mkdir", "-p", "/mv2/a", "/mv2/b");
    Result r = bfs.run("mv", "/mv2/a", "/mv2/b", "/mv2/c");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: /mv2/c: Not a directory\n");
  }

  @Test
  void chmodWithABadModeIsAUsageError() {
    bfs.ok("mkdir", "/cm");
    Result r = bfs.run("chmod", "9z9", "/cm");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'9z9' is not an octal mode");
    assertThat(bfs.ok("stat", "--json", "/cm").out()).contains("\"mode\": \"0755\"");
  }

  @Test
  void chmodAndChownRecursively() {
    bfs.ok("mkdir", "-p", "/rec/a/b");
    bfs.ok("chmod", "-R", "711", "/rec");
    bfs.ok("chown", "-R", ":wheel", "/rec");
    String json = bfs.ok("ls", "--json", "-R", "/rec").out();
    assertThat(json).doesNotContain("\"mode\": \"0755\"").contains("\"mode\": \"0711\"");
    assertThat(JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("entries"))
        .allSatisfy(e -> assertThat(e.getAsJsonObject().get("group").getAsString()).isEqualTo("wheel"));
  }

  @Test
  void chownOfNothingIsAUsageError() {
    bfs.ok("mkdir", "/co");
    assertThat(bfs.run("chown", ":", "/co").code()).isEqualTo(2);
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    Result r = bfs.run("frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument");
    assertThat(bfs.run("ls", "--bogus").code()).isEqualTo(2);
    assertThat(bfs.run("admin").code()).isEqualTo(2);
  }

  @Test
  void adminNodesListsTheLiveChunkservers() {
    Result r = bfs.ok("admin", "nodes");
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).matches("ID +ADDRESS +STATE +CAPACITY +USED +STORED +CHUNKS +LAST HEARTBEAT");
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(1, 4)).allMatch(l -> l.matches(" *\\d+  127\\.0\\.0\\.1:\\d+ +LIVE .* ago"));
    JsonObject doc = JsonParser.parseString(bfs.ok("admin", "nodes", "--json").out()).getAsJsonObject();
    assertThat(doc.getAsJsonArray("nodes")).hasSize(3).allSatisfy(n ->
        assertThat(n.getAsJsonObject().get("capacityBytes").getAsLong()).isPositive());
  }

  @Test
  void adminMastersShowsOneLeaderThatEveryMasterAgreesOn() {
    List<String> lines = bfs.ok("admin", "masters").out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.stream().filter(l -> l.contains("LEADER  ")).count()).isEqualTo(1);
    String leader = lines.stream().filter(l -> l.contains("LEADER  ")).findFirst().orElseThrow().split(" +")[0];
    assertThat(lines.subList(1, 4)).allMatch(l -> l.endsWith(" " + leader));
  }

  @Test
  void adminDigestShowsEveryMastersStateAndWhetherTheyAgree() {
    JsonObject doc = Wait.forValue("the masters at one applied index", Duration.ofSeconds(30), () -> {
      JsonObject d = JsonParser.parseString(bfs.ok("admin", "digest", "--json").out()).getAsJsonObject();
      long distinctIndexes = d.getAsJsonArray("masters").asList().stream()
          .map(m -> m.getAsJsonObject().get("appliedIndex").getAsLong()).distinct().count();
      return distinctIndexes == 1 ? d : null;
    });
    assertThat(doc.get("agree").getAsBoolean()).isTrue();
    assertThat(doc.getAsJsonArray("masters")).hasSize(3).allSatisfy(m ->
        assertThat(m.getAsJsonObject().get("sha256").getAsString()).hasSize(64));
    List<String> lines = bfs.ok("admin", "digest").out().lines().toList();
    assertThat(lines.get(0)).matches("ID +ADDRESS +APPLIED +ENTRIES +SHA256");
    assertThat(lines).hasSize(5).last().isEqualTo("Masters at the same applied index agree.");
  }

  @Test
  void dfSumsTheChunkservers() {
    JsonObject doc = JsonParser.parseString(bfs.ok("df", "--json").out()).getAsJsonObject();
    assertThat(doc.get("liveNodes").getAsInt()).isEqualTo(3);
    long capacity = doc.get("capacityBytes").getAsLong();
    assertThat(capacity).isPositive();
    assertThat(doc.get("freeBytes").getAsLong()).isEqualTo(capacity - doc.get("usedBytes").getAsLong());
    assertThat(bfs.ok("df", "-h").out()).contains("CAPACITY", "iB");
  }

  @Test
  void withoutMastersTheErrorSaysWhereToGiveThem(@TempDir Path empty) {
    try (BfsTester none = new BfsTester(null, empty)) {
      Result r = none.run("ls", "/");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("bfs: no masters known: use --masters").contains("BFS_MASTERS", "bfs local start");
      assertThat(none.run("ls", "--masters", cluster.masterAddresses(), "/").code()).isZero();
    }
  }

  @Test
  void debugAddsTheStackTrace() {
    Result r = bfs.run("--debug", "stat", "/debug-missing");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("bfs: /debug-missing: No such file or directory\n").contains("\tat ");
  }
}
