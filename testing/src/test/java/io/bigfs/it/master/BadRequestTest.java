package io.bigfs.it.master;

import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.BfsException;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.StatusCode;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each bad request is refused with a clear error, and the namespace is left exactly as it was. */
class BadRequestTest {
  static MiniCluster cluster;
  static MasterClient client;
  String before;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    client = cluster.newMasterClient();
    client.mkdirs("/dir/sub", 0, true);
    client.create(CreateOp.newBuilder().setPath("/dir/file").build());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @BeforeEach
  void snapshotNamespace() throws IOException {
    before = tree();
  }

  static String tree() throws IOException {
    return client.list("/", "", 0).getEntriesList().toString() + client.list("/dir", "", 0).getEntriesList()
        + client.list("/dir/sub", "", 0).getEntriesList();
  }

  void refused(StatusCode code, String messagePart, Executable request) throws IOException {
    BfsException e = assertThrows(BfsException.class, request);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).contains(messagePart);
    assertThat(tree()).as("namespace unchanged").isEqualTo(before);
  }

  @Test
  void createUnderAMissingParent() throws IOException {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> client.create(CreateOp.newBuilder().setPath("/nope/f").build()));
    assertThat(e.getMessage()).contains("/nope");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void createAnExistingPath() throws IOException {
    assertThrows(FileAlreadyExistsException.class,
        () -> client.create(CreateOp.newBuilder().setPath("/dir/file").build()));
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void renameADirectoryIntoItsOwnSubtree() throws IOException {
    refused(StatusCode.INVALID_ARGUMENT, "into itself", () -> client.rename("/dir", "/dir/sub/x", false));
  }

  @Test
  void deleteTheRoot() throws IOException {
    refused(StatusCode.INVALID_ARGUMENT, "root", () -> client.delete("/", true));
  }

  @Test
  void malformedPaths() throws IOException {
    for (String bad : List.of("/dir/../etc", "/dir/./x", "/dir//x", "relative/x", "/dir/a\0b",
        "/" + "n".repeat(10_000), "")) {
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.create(CreateOp.newBuilder().setPath(bad).build()));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.mkdirs(bad, 0, true));
    }
  }

  @Test
  void replicationOfZeroOrLargerThanTheCluster() throws IOException {
    refused(StatusCode.INVALID_ARGUMENT, "replication", () -> client.create(CreateOp.newBuilder()
        .setPath("/dir/rf").setReplication(-1).build()));
    refused(StatusCode.INVALID_ARGUMENT, "larger than the cluster (3 chunkservers)",
        () -> client.create(CreateOp.newBuilder().setPath("/dir/rf").setReplication(4).build()));
    refused(StatusCode.INVALID_ARGUMENT, "larger than the cluster", () -> client.setReplication("/dir/file", 9));
    refused(StatusCode.INVALID_ARGUMENT, "between 1 and", () -> client.setReplication("/dir/file", 0));
  }

  @Test
  void malformedPathsInEveryOperation() throws IOException {
    for (String bad : List.of("/dir/../etc", "dir/file", "/dir//file", "/dir/\0", "/" + "x/".repeat(5_000) + "y")) {
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.rename(bad, "/dir/moved", false));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.rename("/dir/file", bad, true));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.delete(bad, true));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.setPermission(bad, 0777));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.setOwner(bad, "mallory", "mallory"));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.setReplication(bad, 2));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.stat(bad));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.list(bad, "", 0));
      refused(StatusCode.INVALID_ARGUMENT, "", () -> client.locations(bad, 0, 0));
    }
  }

  @Test
  void chunkOperationsWithUnknownIdsOrImpossibleNumbers() throws IOException {
    long inode = client.stat("/dir/file").getInodeId();
    for (long wrongInode : List.of(0L, -1L, inode + 1_000)) {
      refusedWithAnyError(() -> client.addChunk("/dir/file", wrongInode, 0, List.of()));
      refusedWithAnyError(() -> client.complete("/dir/file", wrongInode, 10));
    }
    refusedWithAnyError(() -> client.addChunk("/dir/file", inode, 7, List.of()));
    refusedWithAnyError(() -> client.addChunk("/dir/file", inode, -1, List.of(-5, Integer.MAX_VALUE)));
    refusedWithAnyError(() -> client.complete("/dir/file", inode, -1));
    refusedWithAnyError(() -> client.updatePipeline("/dir/file", inode, 0, 123_456_789L, List.of(1), List.of(2)));
    // Refused as invalid, not failed inside the masters' apply (it once was, with an exception on each).
    refused(StatusCode.INVALID_ARGUMENT, "must not be negative",
        () -> client.updatePipeline("/dir/file", inode, -1, -1, List.of(-1, 0), List.of()));
    refusedWithAnyError(() -> client.addChunk("/dir/sub", inode, 0, List.of()));
    refused(StatusCode.INVALID_ARGUMENT, "must not be negative", () -> client.locations("/dir/file", -1, 10));
    refused(StatusCode.INVALID_ARGUMENT, "must not be negative", () -> client.locations("/dir/file", 0, -1));
    assertThat(client.locations("/dir/file", 1L << 62, 1).getChunksList()).isEmpty();
    assertThat(client.locations("/dir/file", Long.MAX_VALUE, Long.MAX_VALUE).getChunksList()).isEmpty();
  }

  void refusedWithAnyError(Executable request) throws IOException {
    assertThrows(IOException.class, request);
    assertThat(tree()).as("namespace unchanged").isEqualTo(before);
  }
}
