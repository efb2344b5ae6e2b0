package io.bigfs.shell.admin;

import io.bigfs.chunkserver.ChunkServer;
import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.shell.BfsTester;
import io.bigfs.shell.BfsTester.Result;
import io.bigfs.shell.MasterAddresses;
import io.bigfs.shell.metrics.TargetsFile;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** bfs admin top against a MiniCluster: one frame shows every node, the namespace and each node's chunks. */
class AdminTopTest {
  static MiniCluster cluster;
  static BfsTester bfs;
  static List<String> pages = new ArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    List<String> masters = new ArrayList<>();
    for (int i = 0; i < cluster.masterCount(); i++) {
      masters.add("127.0.0.1:" + cluster.master(i).httpPort());
    }
    List<String> chunkservers = new ArrayList<>();
    for (int i = 0; i < cluster.chunkserverCount(); i++) {
      chunkservers.add("127.0.0.1:" + cluster.chunkserver(i).httpPort());
    }
    pages.addAll(masters);
    pages.addAll(chunkservers);
    // Laid out as bfs local start lays out its directory, so that top finds the file by itself.
    TargetsFile.write(dir.resolve(TargetsFile.LOCAL_NAME), List.of(
        new TargetsFile.Group(masters, Map.of("job", TargetsFile.MASTER_JOB)),
        new TargetsFile.Group(chunkservers, Map.of("job", TargetsFile.CHUNKSERVER_JOB))));
    bfs = new BfsTester(cluster.masterAddresses(), dir, Map.of(MasterAddresses.ENV_LOCAL_DIR, dir.toString()));
  }

  @AfterAll
  static void stop() {
    bfs.close();
    cluster.close();
  }

  @Test
  void oneFrameShowsEveryNodeTheNamespaceAndEachNodesChunks() throws IOException {
    BfsClient fs = cluster.newClient();
    fs.mkdirs("/top/a");
    for (int i = 0; i < 2; i++) {
      try (BfsOutputStream out = fs.create("/top/a/f" + i, CreateOptions.DEFAULT.withChunkSize(64 * 1024))) {
        out.write(new byte[3 * 64 * 1024]);
      }
    }

    // On a loaded machine an election may be under way during a frame; top then says so. Take
    // the first frame that shows a leader.
    Result r = bfs.ok("admin", "top", "--once", "--interval", "0.2");
    for (int tries = 0; tries < 20 && !r.out().contains("Cluster: leader"); tries++) {
      cluster.waitForLeader(Duration.ofSeconds(10));
      r = bfs.ok("admin", "top", "--once", "--interval", "0.2");
    }

    assertThat(r.out()).contains("every 0.2s  6 pages from " + bfs.session().localDir().resolve(TargetsFile.LOCAL_NAME))
        .contains("Cluster: leader m" + (cluster.leaderIndex() + 1) + ", 3 masters answering; chunkservers 3 live, "
            + "0 dead, 0 decommissioning")
        .contains("Namespace: 2 files, 2 directories, 6 chunks, 0 writers")
        .contains("Chunks: 0 under-replicated, 0 missing, 0 corrupt replicas")
        .doesNotContain("NOT ANSWERING");
    assertThat(r.out().lines().filter(l -> l.matches("m[123] .*"))).hasSize(3)
        .filteredOn(l -> l.contains(" leader ")).hasSize(1);
    for (int i = 0; i < cluster.chunkserverCount(); i++) {
      ChunkServer c = cluster.chunkserver(i);
      assertThat(r.out().lines().filter(l -> l.startsWith(c.address() + " ")))
          .singleElement().asString().containsPattern("127\\.0\\.0\\.1:" + c.httpPort() + " +" + c.store().count() + " ");
    }
  }

  @Test
  void aPageThatDoesNotAnswerIsListedWithItsError() {
    Result r = bfs.ok("admin", "top", "--frames", "2", "--interval", "0.1", "--endpoints", pages.get(0) + ",127.0.0.1:1");

    assertThat(r.out().lines().filter(l -> l.startsWith("bfs admin top"))).as("two frames").hasSize(2);
    assertThat(r.out()).contains("NOT ANSWERING").containsPattern("127\\.0\\.0\\.1:1 +\\S");
  }

  @Test
  void withoutTargetsItSaysWhereToFindThem(@TempDir Path empty) {
    try (BfsTester elsewhere = new BfsTester(null, empty, Map.of())) {
      Result r = elsewhere.run("admin", "top", "--once");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("bfs local start").contains("--targets").hasLineCount(1);
    }
  }
}
