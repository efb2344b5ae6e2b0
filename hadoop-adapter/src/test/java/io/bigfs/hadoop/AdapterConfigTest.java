package io.bigfs.hadoop;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a bfs:// URI and the Hadoop configuration name a cluster. No cluster needed. */
class AdapterConfigTest {
  private final Configuration conf = new Configuration(false);

  @Test
  void authorityListsTheMasters() throws IOException {
    AdapterConfig c = AdapterConfig.from(URI.create("bfs://m1:9860,m2:9861,m3:9862/data"), conf);
    assertThat(c.masters()).containsExactly("m1:9860", "m2:9861", "m3:9862");
  }

  @Test
  void authorityNamesAConfiguredCluster() throws IOException {
    conf.set("fs.bfs.masters.prod", "p1:9860, p2:9860");
    assertThat(AdapterConfig.from(URI.create("bfs://prod/x"), conf).masters()).containsExactly("p1:9860", "p2:9860");
  }

  @Test
  void aConfiguredNameWinsOverAnAddress() throws IOException {
    conf.set("fs.bfs.masters.m1:9860", "other:1");
    assertThat(AdapterConfig.from(URI.create("bfs://m1:9860/"), conf).masters()).containsExactly("other:1");
  }

  @Test
  void noAuthorityUsesTheDefaultKey() throws IOException {
    conf.set(AdapterConfig.MASTERS_KEY, "d1:9860");
    assertThat(AdapterConfig.from(URI.create("bfs:///x"), conf).masters()).containsExactly("d1:9860");
  }

  @Test
  void anUnknownNameSaysWhichKeyToSet() {
    assertThatThrownBy(() -> AdapterConfig.from(URI.create("bfs://prod/"), conf))
        .isInstanceOf(IOException.class).hasMessageContaining("fs.bfs.masters.prod");
    assertThatThrownBy(() -> AdapterConfig.from(URI.create("bfs:///"), conf))
        .isInstanceOf(IOException.class).hasMessageContaining("set fs.bfs.masters");
  }

  @Test
  void defaultsForNewFilesComeFromTheirKeys() throws IOException {
    AdapterConfig defaults = AdapterConfig.from(URI.create("bfs://m:1/"), conf);
    assertThat(defaults.replication()).isEqualTo((short) 3);
    assertThat(defaults.blockSize()).isEqualTo(64L << 20);
    conf.set(AdapterConfig.REPLICATION_KEY, "2");
    conf.set(AdapterConfig.BLOCK_SIZE_KEY, "128m");
    AdapterConfig set = AdapterConfig.from(URI.create("bfs://m:1/"), conf);
    assertThat(set.replication()).isEqualTo((short) 2);
    assertThat(set.blockSize()).isEqualTo(128L << 20);
  }

  @Test
  void theSchemeIsRegisteredAsAService() throws IOException {
    assertThat(FileSystem.getFileSystemClass("bfs", new Configuration())).isEqualTo(BfsFileSystem.class);
  }
}
