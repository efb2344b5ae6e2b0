package io.bigfs.shell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemotePathsTest {
  @Test
  void relativePathsResolveAgainstTheWorkingDirectory() {
    assertThat(RemotePaths.resolve("/", "docs/a.txt")).isEqualTo("/docs/a.txt");
    assertThat(RemotePaths.resolve("/x/y", "../b")).isEqualTo("/x/b");
    assertThat(RemotePaths.resolve("/x/y", "./c/")).isEqualTo("/x/y/c");
    assertThat(RemotePaths.resolve("/x", "/abs//p/")).isEqualTo("/abs/p");
  }

  @Test
  void dotDotStopsAtTheRoot() {
    assertThat(RemotePaths.resolve("/", "..")).isEqualTo("/");
    assertThat(RemotePaths.resolve("/a", "../../../b")).isEqualTo("/b");
  }

  @Test
  void theSchemeMarksABigFsPathRelativeOrAbsolute() {
    assertThat(RemotePaths.isRemote("bfs://docs")).isTrue();
    assertThat(RemotePaths.isRemote("docs")).isFalse();
    assertThat(RemotePaths.resolve("/home", "bfs://docs/n.txt")).isEqualTo("/home/docs/n.txt");
    assertThat(RemotePaths.resolve("/home", "bfs:///docs/n.txt")).isEqualTo("/docs/n.txt");
    assertThat(RemotePaths.resolve("/home", "bfs://")).isEqualTo("/home");
  }

  @Test
  void aTrailingSlashOrDotNamesADirectory() {
    assertThat(RemotePaths.namesDirectory("isos/")).isTrue();
    assertThat(RemotePaths.namesDirectory(".")).isTrue();
    assertThat(RemotePaths.namesDirectory("a/..")).isTrue();
    assertThat(RemotePaths.namesDirectory("bfs://")).isTrue();
    assertThat(RemotePaths.namesDirectory("isos")).isFalse();
  }
}
