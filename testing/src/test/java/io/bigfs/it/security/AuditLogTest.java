package io.bigfs.it.security;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A test's mutations and denials, read back from the masters' audit logs (audit.log in each data directory). */
class AuditLogTest {
  static MiniCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(1).start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** Every line of every master's audit log, as key=value maps in the order written. */
  static List<Map<String, String>> lines() throws IOException {
    List<Map<String, String>> all = new ArrayList<>();
    for (int i = 0; i < cluster.masterCount(); i++) {
      Path log = cluster.masterDir(i).resolve("audit.log");
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          Map<String, String> fields = new LinkedHashMap<>();
          for (String pair : line.split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
          all.add(fields);
        }
      }
    }
    return all;
  }

  static Map<String, String> line(String user, String op, String path) throws IOException {
    return lines().stream()
        .filter(l -> l.get("user").equals(user) && l.get("op").equals(op) && l.get("path").equals(path))
        .findFirst().orElseThrow(() -> new AssertionError("no audit line for " + user + " " + op + " " + path));
  }

  @Test
  void mutationsAndDenialsAreRecordedWithUserAddressOperationAndResult() throws IOException {
    BfsClient admin = cluster.newClient();
    BfsClient alice = cluster.newClient(c -> c.withUser("alice"));
    BfsClient bob = cluster.newClient(c -> c.withUser("bob"));
    admin.mkdirs("/audit");
    admin.setOwner("/audit", "alice", null);
    alice.mkdirs("/audit/in dir");
    CreateOptions small = CreateOptions.DEFAULT.withReplication(1).withMode(0600);
    try (BfsOutputStream out = alice.create("/audit/in dir/f", small)) {
      out.write("audited".getBytes(StandardCharsets.UTF_8));
    }
    alice.rename("/audit/in dir/f", "/audit/in dir/g");
    assertThat(alice.stat("/audit/in dir/g").length()).isEqualTo(7);
    assertThrows(AccessDeniedException.class, () -> bob.delete("/audit/in dir/g", false));
    assertThrows(AccessDeniedException.class, () -> bob.open("/audit/in dir/g"));
    assertThrows(AccessDeniedException.class, () -> bob.decommission("1", true));

    Map<String, String> mkdirs = line("alice", "mkdirs", "/audit/in%20dir");
    assertThat(mkdirs.keySet()).containsExactly("time", "allowed", "user", "addr", "op", "path", "target", "result");
    assertThat(Instant.parse(mkdirs.get("time"))).isBefore(Instant.now().plusSeconds(1));
    assertThat(mkdirs).containsEntry("allowed", "true").containsEntry("result", "OK").containsEntry("target", "-");
    assertThat(mkdirs.get("addr")).matches("127\\.0\\.0\\.1:[0-9]+");
    assertThat(line("alice", "create", "/audit/in%20dir/f")).containsEntry("result", "OK");
    assertThat(line("alice", "complete", "/audit/in%20dir/f")).containsEntry("result", "OK");
    assertThat(line("alice", "rename", "/audit/in%20dir/f")).containsEntry("target", "/audit/in%20dir/g");
    assertThat(line(cluster.newClient().config().user(), "set_owner", "/audit")).containsEntry("allowed", "true");

    assertThat(line("bob", "delete", "/audit/in%20dir/g"))
        .containsEntry("allowed", "false").containsEntry("result", "PERMISSION_DENIED");
    assertThat(line("bob", "locations", "/audit/in%20dir/g"))
        .containsEntry("allowed", "false").containsEntry("result", "PERMISSION_DENIED");
    assertThat(lines()).filteredOn(l -> l.get("op").equals("decommission"))
        .singleElement().satisfies(l -> assertThat(l)
            .containsEntry("user", "bob").containsEntry("allowed", "false").containsEntry("target", "1"));
    assertThat(lines()).as("allowed reads are not audited").noneMatch(l -> l.get("op").equals("stat"));
  }
}
