package io.bigfs.shell.local;

import io.bigfs.chunkserver.ChunkserverConfig;
import io.bigfs.common.config.Config;
import io.bigfs.master.MasterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The local cluster's directory: ports chosen once, configurations the servers accept. */
class LocalClusterTest {
  @TempDir
  Path dir;

  @Test
  void portsAreChosenOnceAndFoundAgain() throws IOException {
    LocalCluster created = LocalCluster.create(dir, 3, 2);
    created.save();
    LocalCluster loaded = LocalCluster.load(dir).orElseThrow();
    assertThat(loaded.nodes()).isEqualTo(created.nodes());
    assertThat(loaded.nodes()).extracting(LocalNode::name).containsExactly("m1", "m2", "m3", "cs1", "cs2");
    Set<Integer> ports = new HashSet<>();
    for (LocalNode n : loaded.nodes()) {
      assertThat(ports.add(n.port())).isTrue();
      assertThat(ports.add(n.httpPort())).isTrue();
      if (n.kind() == LocalNode.Kind.MASTER) {
        assertThat(ports.add(n.raftPort())).isTrue();
      }
    }
    assertThat(Files.readString(dir.resolve("masters")).trim()).isEqualTo(loaded.masterAddresses());
  }

  @Test
  void moreChunkserversKeepTheOldOnesWhereTheyWere() throws IOException {
    LocalCluster one = LocalCluster.create(dir, 1, 1);
    LocalCluster three = one.withNodes(LocalNode.Kind.CHUNKSERVER, 3);
    assertThat(three.of(LocalNode.Kind.CHUNKSERVER)).hasSize(3).first().isEqualTo(one.node("cs1").orElseThrow());
    assertThat(three.withNodes(LocalNode.Kind.CHUNKSERVER, 2).nodes()).isEqualTo(three.nodes());
  }

  @Test
  void noClusterInAnEmptyDirectory() throws IOException {
    assertThat(LocalCluster.load(dir)).isEmpty();
  }

  @Test
  void theWrittenConfigurationsAreWhatTheServersExpect() throws IOException {
    LocalCluster cluster = LocalCluster.create(dir, 3, 1);
    cluster.save();
    LocalNode m2 = cluster.node("m2").orElseThrow();
    MasterConfig master = MasterConfig.from(Config.load(cluster.conf(m2)));
    assertThat(master.id()).isEqualTo("m2");
    assertThat(master.clientAddresses()).isEqualTo(cluster.masterAddresses());
    assertThat(master.self().raftPort()).isEqualTo(m2.raftPort());
    assertThat(master.httpHost()).isEqualTo("127.0.0.1");
    assertThat(master.httpPort()).isEqualTo(m2.httpPort());
    assertThat(master.dataDir()).isEqualTo(cluster.data(m2).toAbsolutePath());

    LocalNode cs1 = cluster.node("cs1").orElseThrow();
    ChunkserverConfig chunkserver = ChunkserverConfig.from(Config.load(cluster.conf(cs1)));
    assertThat(chunkserver.masters()).isEqualTo(List.of(cluster.masterAddresses().split(",")));
    assertThat(chunkserver.host()).isEqualTo("127.0.0.1");
    assertThat(chunkserver.port()).isEqualTo(cs1.port());
    assertThat(chunkserver.httpPort()).isEqualTo(cs1.httpPort());
    assertThat(chunkserver.dataDirs()).containsExactly(cluster.data(cs1).toAbsolutePath());
  }

  @Test
  void anEditedConfigurationIsNotOverwritten() throws IOException {
    LocalCluster cluster = LocalCluster.create(dir, 1, 1);
    cluster.save();
    Path conf = cluster.conf(cluster.node("m1").orElseThrow());
    Files.writeString(conf, "master.default.replication=1\n", java.nio.file.StandardOpenOption.APPEND);
    LocalCluster.load(dir).orElseThrow().save();
    assertThat(Files.readString(conf)).endsWith("master.default.replication=1\n");
  }

  @Test
  void statusOfAStoppedClusterSaysSoWithoutTouchingAnything() throws IOException {
    LocalCluster cluster = LocalCluster.create(dir, 1, 1);
    cluster.save();
    Files.writeString(cluster.pidFile(cluster.node("m1").orElseThrow()), ProcessHandle.current().pid() + "\n");
    // The pid is this JVM's, alive but not the node: it must not count as the node running.
    assertThat(new NodeProcesses(cluster, java.util.Map.of()).running(cluster.node("m1").orElseThrow())).isEmpty();
  }
}
