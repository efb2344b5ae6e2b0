package io.bigfs.deploy;

import io.bigfs.deploy.ExternalCommand.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tarball as an operator gets it: unpacked with tar in an empty folder, far from the source
 * tree, it has bin/, lib/, conf/, LICENSE and README, and its bin/bfs runs on its own jars. Its
 * example configurations document every key the servers read, with the servers' own words and
 * defaults, so a key added to MasterConfig or ChunkserverConfig must be added to
 * deploy/src/dist/conf too.
 */
class DistributionTest {
  private static final Path TARBALL = Path.of(System.getProperty("bfs.dist.tarball"));
  private static final String NAME = System.getProperty("bfs.dist.name");
  private static final Path LIB = Path.of(System.getProperty("bfs.dist.lib"));
  private static final Path LICENSE = Path.of(System.getProperty("bfs.license"));

  @TempDir
  static Path unpacked;
  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    assertThat(TARBALL).as("run 'mvn package' first").isRegularFile();
    Result tar = run("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString());
    assertThat(tar.code()).as(tar.toString()).isZero();
    home = unpacked.resolve(NAME);
  }

  @Test
  void holdsTheLauncherEveryJarTheExampleConfigsTheLicenseAndAReadme() throws IOException {
    assertThat(names(unpacked)).containsExactly(NAME);
    assertThat(names(home)).containsExactlyInAnyOrder("bin", "lib", "conf", "LICENSE", "README");
    assertThat(names(home.resolve("bin"))).containsExactly("bfs");
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/bfs"))).contains(PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(names(home.resolve("lib"))).isEqualTo(names(LIB)).contains("bigfs-master-" + version() + ".jar",
        "bigfs-chunkserver-" + version() + ".jar", "bigfs-shell-" + version() + ".jar",
        "bigfs-client-" + version() + ".jar");
    assertThat(names(home.resolve("conf"))).containsExactlyInAnyOrder("master.properties", "chunkserver.properties");
    assertThat(home.resolve("LICENSE")).hasSameTextualContentAs(LICENSE);
    assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
    assertThat(Files.readString(home.resolve("README"))).startsWith("BigFS " + version() + "\n").doesNotContain("${");
  }

  @Test
  void theLauncherRunsFromTheUnpackedTreeWithItsOwnJars() throws Exception {
    Result help = bfs("--help");
    assertThat(help.code()).as(help.toString()).isZero();
    assertThat(help.out()).contains("Usage: bfs", "daemon", "local");
    Result masterHelp = bfs("master", "--help-config");
    assertThat(masterHelp.code()).as(masterHelp.toString()).isZero();
    assertThat(masterHelp.out()).contains("# master.peers=", "# master.data.dir=");
  }

  @Test
  void theExampleMasterConfigDocumentsEveryKeyAsTheMasterDoes() throws Exception {
    checkDocumentsEveryKey("master");
  }

  @Test
  void theExampleChunkserverConfigDocumentsEveryKeyAsTheChunkserverDoes() throws Exception {
    checkDocumentsEveryKey("chunkserver");
  }

  /**
   * Each block of {@code --help-config} (meaning, then "# key=default") stands in the example file
   * word for word, and each key the file sets is one the server knows.
   */
  private static void checkDocumentsEveryKey(String server) throws Exception {
    Result help = bfs(server, "--help-config");
    assertThat(help.code()).as(help.toString()).isZero();
    String example = Files.readString(home.resolve("conf/" + server + ".properties"));
    List<String> blocks = Arrays.stream(help.out().strip().split("\n\n")).toList();
    assertThat(blocks).hasSizeGreaterThan(5);
    for (String block : blocks) {
      assertThat(example).as("conf/%s.properties must hold this block of 'bfs %s --help-config' (add it to "
          + "deploy/src/dist/conf/%s.properties)", server, server, server).contains(block + "\n");
    }
    Set<String> known = blocks.stream().map(b -> b.substring(b.lastIndexOf("\n# ") + 3, b.lastIndexOf('=')))
        .collect(Collectors.toSet());
    List<String> set = example.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.substring(0, l.indexOf('='))).toList();
    assertThat(set).isNotEmpty();
    assertThat(known).as("keys set in conf/%s.properties", server).containsAll(set);
    List<String> defaults = example.lines().filter(l -> l.matches("# [a-z]+(\\.[a-z]+)+=.*"))
        .map(l -> l.substring(2, l.indexOf('='))).toList();
    assertThat(known).as("keys documented in conf/%s.properties", server).containsAll(defaults);
  }

  private static String version() {
    return NAME.substring("bigfs-".length());
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** bin/bfs of the unpacked tree, with the JDK running this test and nothing from the checkout. */
  private static Result bfs(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/bfs").toString()));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }

  private static Result run(String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(unpacked.toFile());
    pb.environment().remove("BFS_CLASSPATH");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return ExternalCommand.run(pb, Duration.ofSeconds(60));
  }
}
