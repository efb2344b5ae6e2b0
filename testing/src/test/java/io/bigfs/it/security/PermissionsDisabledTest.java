package io.bigfs.it.security;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.master.MasterConfig;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** With security.permissions.enabled=false every request goes through, whatever the modes say. */
class PermissionsDisabledTest {
  static MiniCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(1).master(MasterConfig.PERMISSIONS.name(), false).start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void anyoneReadsWritesAndChangesAnything() throws IOException {
    BfsClient alice = cluster.newClient(c -> c.withUser("alice"));
    BfsClient bob = cluster.newClient(c -> c.withUser("bob"));
    alice.mkdirs("/alice/private", 0700);
    CreateOptions small = CreateOptions.DEFAULT.withReplication(1).withMode(0600);
    try (BfsOutputStream out = alice.create("/alice/private/f", small)) {
      out.write("alice's".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(alice.stat("/alice/private").owner()).as("made in the superuser's root (0755)").isEqualTo("alice");
    try (var in = bob.open("/alice/private/f")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("alice's");
    }
    assertThat(bob.list("/alice/private")).hasSize(1);
    assertThat(bob.setOwner("/alice/private/f", "bob", "anything").owner()).isEqualTo("bob");
    bob.setPermission("/alice/private", 0);
    bob.rename("/alice/private/f", "/alice/private/g");
    bob.delete("/alice", true);
    assertThat(bob.exists("/alice")).isFalse();
    assertThat(bob.decommission("1", false).nodeId()).isEqualTo(1);
  }
}
