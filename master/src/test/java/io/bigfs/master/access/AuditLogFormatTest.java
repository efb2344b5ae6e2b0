package io.bigfs.master.access;

import io.bigfs.proto.MkdirsOp;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.RenameOp;
import io.bigfs.proto.RenewLeaseOp;
import io.bigfs.proto.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogFormatTest {
  @Test
  void valuesWithSpacesPercentOrLineBreaksStayOneToken() {
    assertThat(AuditLog.value("/a b/c%d\ne\tf")).isEqualTo("/a%20b/c%25d%0Ae%09f");
    assertThat(AuditLog.value("/données/ünï")).isEqualTo("/données/ünï");
    assertThat(AuditLog.value("/a\u2028b")).isEqualTo("/a%E2%80%A8b");
    assertThat(AuditLog.value("")).isEqualTo("-");
    assertThat(AuditLog.value("x".repeat(100_000))).hasSize(AuditLog.MAX_VALUE_CHARS + 3);
  }

  @Test
  void oneLinePerMutationWithTheSameKeysInOrderAndNoLeaseRenewals(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs/audit.log");
    try (AuditLog log = AuditLog.open(file)) {
      log.mutation("alice", "127.0.0.1:5000", MutateRequest.newBuilder()
          .setMkdirs(MkdirsOp.newBuilder().setPath("/new dir")).build(), StatusCode.OK);
      log.mutation("bob", "[::1]:6000", MutateRequest.newBuilder()
          .setRename(RenameOp.newBuilder().setSource("/a").setTarget("/b")).build(), StatusCode.PERMISSION_DENIED);
      log.mutation("bob", "-", MutateRequest.newBuilder().setRenewLease(RenewLeaseOp.getDefaultInstance()).build(),
          StatusCode.OK);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("time=\\S+Z allowed=true user=alice addr=127\\.0\\.0\\.1:5000 op=mkdirs "
        + "path=/new%20dir target=- result=OK");
    assertThat(lines.get(1)).endsWith(" allowed=false user=bob addr=[::1]:6000 op=rename path=/a target=/b "
        + "result=PERMISSION_DENIED");
  }
}
