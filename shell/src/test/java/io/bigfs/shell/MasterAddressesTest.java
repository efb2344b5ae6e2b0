package io.bigfs.shell;

import io.bigfs.common.BfsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterAddressesTest {
  @TempDir
  Path work;

  @Test
  void theFlagWinsThenTheEnvironmentThenTheLocalCluster() throws IOException {
    Files.createDirectories(work.resolve(".bfs-local"));
    Files.writeString(work.resolve(".bfs-local/masters"), "127.0.0.1:3\n");
    Map<String, String> env = Map.of("BFS_MASTERS", "127.0.0.1:2");
    assertThat(MasterAddresses.resolve("127.0.0.1:1", env, work)).isEqualTo("127.0.0.1:1");
    assertThat(MasterAddresses.resolve(null, env, work)).isEqualTo("127.0.0.1:2");
    assertThat(MasterAddresses.resolve(null, Map.of(), work)).isEqualTo("127.0.0.1:3");
  }

  @Test
  void bfsLocalDirPointsAtAnotherClusterDirectory() throws IOException {
    Path other = Files.createDirectories(work.resolve("elsewhere"));
    Files.writeString(other.resolve("masters"), "127.0.0.1:4,127.0.0.1:5\n");
    assertThat(MasterAddresses.resolve(null, Map.of("BFS_LOCAL_DIR", other.toString()), work))
        .isEqualTo("127.0.0.1:4,127.0.0.1:5");
  }

  @Test
  void nothingFoundIsAClearError() {
    assertThatThrownBy(() -> MasterAddresses.resolve(null, Map.of(), work))
        .isInstanceOf(BfsException.class)
        .hasMessageContaining("--masters").hasMessageContaining("BFS_MASTERS").hasMessageContaining("bfs local start");
  }
}
