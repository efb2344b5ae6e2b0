package io.bigfs.shell.admin;

import io.bigfs.shell.BfsTester;
import io.bigfs.shell.BfsTester.Result;
import io.bigfs.shell.SecuritySettings;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell against a cluster with TLS and token mode: the superuser signs a first token with
 * the secret, has a master issue one for alice, and alice works with hers; without a token the
 * masters refuse.
 */
class SecureShellTest {
  static MiniCluster cluster;
  static Path dir;

  @BeforeAll
  static void start(@TempDir Path tmp) throws IOException {
    cluster = MiniCluster.builder().tls().tokens().start();
    dir = tmp;
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** A shell with the cluster's CA and certificate, and the token file {@code tokenFile} if not null. */
  static BfsTester shell(String tokenFile) {
    Map<String, String> env = new HashMap<>(Map.of(
        SecuritySettings.ENV_CA, cluster.certificates().ca().toString(),
        SecuritySettings.ENV_CERT, cluster.certificates().cert().toString(),
        SecuritySettings.ENV_KEY, cluster.certificates().key().toString()));
    if (tokenFile != null) {
      env.put(SecuritySettings.ENV_TOKEN_FILE, tokenFile);
    }
    return new BfsTester(cluster.masterAddresses(), dir, env);
  }

  @Test
  void theSuperuserIssuesTokensAndUsersWorkWithThem() throws IOException {
    String superuser = cluster.masterConfig(0).permissions().superuser();
    try (BfsTester admin = shell(null)) {
      assertThat(admin.ok("admin", "token", "issue", superuser, "--ttl", "1h",
          "--secret-file", cluster.secretFile().toString(), "--out", "admin.token").out())
          .startsWith("token of " + superuser + ", valid until ");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin.token"))))
        .isEqualTo("rw-------");
    try (BfsTester admin = shell("admin.token")) {
      admin.ok("admin", "token", "issue", "alice", "--ttl", "30m", "--out", "alice.token");
      admin.ok("mkdir", "/home");
      admin.ok("chown", "alice", "/home");
    }
    Files.writeString(dir.resolve("hello.txt"), "hello over TLS, with a token");
    try (BfsTester alice = shell("alice.token")) {
      alice.ok("put", "hello.txt", "/home/");
      assertThat(alice.ok("cat", "/home/hello.txt").out()).isEqualTo("hello over TLS, with a token");
      Result refused = alice.run("admin", "token", "issue", "mallory");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("only the superuser");
    }
  }

  @Test
  void withoutATokenTheMastersRefuse() {
    try (BfsTester anonymous = shell(null)) {
      Result r = anonymous.run("ls", "/");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("bfs: ").contains("no token");
    }
  }
}
