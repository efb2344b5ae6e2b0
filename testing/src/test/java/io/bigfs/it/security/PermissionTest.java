package io.bigfs.it.security;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.client.FileInfo;
import io.bigfs.master.MasterConfig;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The permission rules end to end: clients acting as different users against three masters,
 * groups from the masters' groups file. Each denial leaves what it touched exactly as it was.
 */
class PermissionTest {
  static MiniCluster cluster;
  /** The superuser: the user the cluster's own clients act as. */
  static BfsClient admin;
  static BfsClient alice;
  static BfsClient bob;
  static BfsClient carol;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    Path groups = Files.writeString(dir.resolve("groups"), "# user = groups\nalice = staff\nbob = staff, dev\n");
    cluster = MiniCluster.builder().chunkservers(1).master(MasterConfig.GROUPS_FILE.name(), groups).start();
    admin = cluster.newClient();
    alice = cluster.newClient(c -> c.withUser("alice"));
    bob = cluster.newClient(c -> c.withUser("bob"));
    carol = cluster.newClient(c -> c.withUser("carol"));
    admin.mkdirs("/home/alice");
    admin.setOwner("/home/alice", "alice", "staff");
    admin.mkdirs("/tmp", 01777);
    admin.setPermission("/tmp", 01777);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static void write(BfsClient as, String path, String text, int mode) throws IOException {
    try (BfsOutputStream out = as.create(path, CreateOptions.DEFAULT.withReplication(1).withMode(mode))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String read(BfsClient as, String path) throws IOException {
    try (var in = as.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code request} is denied with a message naming the user, and {@code path} is unchanged. */
  static String denied(String path, Executable request) throws IOException {
    FileInfo before = admin.stat(path);
    AccessDeniedException e = assertThrows(AccessDeniedException.class, request);
    assertThat(admin.stat(path)).as("unchanged").isEqualTo(before);
    return e.getReason();
  }

  @Test
  void othersCannotReadWhatTheModeKeepsFromThem() throws IOException {
    write(alice, "/home/alice/diary", "dear diary", 0640);
    assertThat(read(alice, "/home/alice/diary")).isEqualTo("dear diary");
    assertThat(read(bob, "/home/alice/diary")).as("bob is in group staff").isEqualTo("dear diary");
    assertThat(denied("/home/alice/diary", () -> read(carol, "/home/alice/diary")))
        .isEqualTo("permission denied: user=carol, access=READ, path=/home/alice/diary (alice:staff -rw-r-----)");
    assertThat(carol.stat("/home/alice/diary").length()).as("stat needs no read").isEqualTo(10);
  }

  @Test
  void othersCannotWriteWhereTheyHaveNoWritePermission() throws IOException {
    String reason = denied("/home/alice", () -> write(bob, "/home/alice/intruder", "x", 0));
    assertThat(reason).startsWith("permission denied: user=bob, access=WRITE, path=/home/alice");
    denied("/home/alice", () -> bob.mkdirs("/home/alice/sub"));
    assertThat(alice.exists("/home/alice/intruder")).isFalse();
  }

  @Test
  void othersCannotListOrEnterAPrivateDirectory() throws IOException {
    alice.mkdirs("/home/alice/secret", 0700);
    write(alice, "/home/alice/secret/plans", "world domination", 0644);
    assertThat(denied("/home/alice/secret", () -> bob.list("/home/alice/secret"))).contains("access=READ_EXECUTE");
    assertThat(denied("/home/alice/secret/plans", () -> bob.stat("/home/alice/secret/plans")))
        .contains("access=EXECUTE, path=/home/alice/secret ");
    denied("/home/alice/secret/plans", () -> read(bob, "/home/alice/secret/plans"));
    assertThat(alice.list("/home/alice/secret")).extracting(FileInfo::path).containsExactly("/home/alice/secret/plans");
  }

  @Test
  void othersCannotDeleteOrRenameWithoutWriteOnTheDirectory() throws IOException {
    write(alice, "/home/alice/keep", "mine", 0666);
    denied("/home/alice/keep", () -> bob.delete("/home/alice/keep", false));
    denied("/home/alice/keep", () -> bob.rename("/home/alice/keep", "/tmp/taken"));
    assertThat(bob.exists("/tmp/taken")).isFalse();
    assertThat(read(bob, "/home/alice/keep")).isEqualTo("mine");
  }

  @Test
  void onlyTheOwnerOrTheSuperuserChangesModeAndOwner() throws IOException {
    write(alice, "/home/alice/modes", "x", 0644);
    assertThat(denied("/home/alice/modes", () -> bob.setPermission("/home/alice/modes", 0666)))
        .contains("access=OWNER");
    assertThat(denied("/home/alice/modes", () -> alice.setOwner("/home/alice/modes", "bob", null)))
        .contains("access=SUPERUSER");
    assertThat(denied("/home/alice/modes", () -> alice.setOwner("/home/alice/modes", null, "dev")))
        .contains("alice is not in group dev");
    assertThat(denied("/home/alice/modes", () -> bob.setOwner("/home/alice/modes", null, "dev")))
        .contains("access=OWNER");
    assertThat(alice.setPermission("/home/alice/modes", 0600).mode()).isEqualTo(0600);
    assertThat(alice.setOwner("/home/alice/modes", null, "staff").group()).isEqualTo("staff");
    FileInfo given = admin.setOwner("/home/alice/modes", "bob", "dev");
    assertThat(given.owner()).isEqualTo("bob");
    assertThat(bob.setPermission("/home/alice/modes", 0640).mode()).isEqualTo(0640);
  }

  @Test
  void theStickyBitStopsOthersFromRemovingFilesInASharedDirectory() throws IOException {
    write(alice, "/tmp/alices", "a", 0666);
    write(bob, "/tmp/bobs", "b", 0666);
    assertThat(denied("/tmp/alices", () -> bob.delete("/tmp/alices", false)))
        .contains("user=bob, access=STICKY", "sticky bit of /tmp");
    denied("/tmp/alices", () -> bob.rename("/tmp/alices", "/tmp/stolen"));
    bob.delete("/tmp/bobs", false);
    alice.delete("/tmp/alices", false);
    assertThat(admin.list("/tmp")).isEmpty();
  }

  @Test
  void theSuperuserMayDoAllOfIt() throws IOException {
    alice.mkdirs("/home/alice/locked", 0700);
    write(alice, "/home/alice/locked/f", "locked", 0600);
    alice.setPermission("/home/alice/locked", 0);
    assertThat(read(admin, "/home/alice/locked/f")).isEqualTo("locked");
    assertThat(admin.list("/home/alice/locked")).hasSize(1);
    admin.setPermission("/home/alice/locked/f", 0644);
    admin.rename("/home/alice/locked/f", "/home/alice/locked/g");
    admin.delete("/home/alice/locked", true);
    assertThat(admin.exists("/home/alice/locked")).isFalse();
  }

  @Test
  void newEntriesGetTheClientsUmask() throws IOException {
    assertThat(alice.mkdirs("/home/alice/umask/default").mode()).isEqualTo(0755);
    write(alice, "/home/alice/umask/default/f", "x", 0);
    assertThat(alice.stat("/home/alice/umask/default/f").mode()).isEqualTo(0644);
    BfsClient strict = cluster.newClient(c -> c.withUser("alice").withUmask(027));
    assertThat(strict.mkdir("/home/alice/umask/strict").mode()).isEqualTo(0750);
    write(strict, "/home/alice/umask/strict/f", "x", 0);
    assertThat(strict.stat("/home/alice/umask/strict/f").mode()).isEqualTo(0640);
    write(strict, "/home/alice/umask/strict/g", "x", 0666);
    assertThat(strict.stat("/home/alice/umask/strict/g").mode()).isEqualTo(0640);
    assertThat(strict.stat("/home/alice/umask/strict").owner()).isEqualTo("alice");
  }
}
