package io.bigfs.chunkserver.storage;

import com.google.protobuf.ByteString;
import io.bigfs.common.BfsException;
import io.bigfs.common.Checksums;
import io.bigfs.proto.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkStoreTest {
  @TempDir Path dir;

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static void append(ReplicaWriter w, byte[] data, int off, int len) throws IOException {
    long at = w.length();
    int[] crcs = Checksums.pieceCrcs(data, off, len, at);
    List<Integer> list = new ArrayList<>();
    for (int c : crcs) {
      list.add(c);
    }
    w.write(at, ByteString.copyFrom(data, off, len), list);
  }

  static byte[] readAll(ChunkStore store, long chunkId) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReplicaReader.read(store, chunkId, 1, 0, Long.MAX_VALUE / 2, (offset, data, crcs, len) -> {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      int pos = 0;
      for (int crc : crcs) {
        int n = Math.min(Checksums.BLOCK, b.length - pos);
        assertThat(Checksums.crc(b, pos, n)).isEqualTo(crc);
        pos += n;
      }
      out.write(b, 0, b.length);
    });
    return out.toByteArray();
  }

  @Test
  void unalignedAppendsFinalizeAndSurviveARestart() throws IOException {
    ChunkStore store = ChunkStore.open(List.of(dir), 1.0, 0);
    byte[] data = random(300_000, 1);
    ReplicaWriter w = store.openWriter(7, 1, 0, false);
    append(w, data, 0, 1000);          // a partial block
    append(w, data, 1000, 70_000);     // completes it and starts another
    append(w, data, 71_000, 229_000);
    assertThat(readAll(store, 7)).as("readable while written").isEqualTo(data);
    Replica done = w.finalizeReplica();
    assertThat(done.finalized()).isTrue();
    assertThat(done.dataFile().toString()).contains("current");
    String uuid = store.uuid();

    ChunkStore reopened = ChunkStore.open(List.of(dir), 1.0, 0);
    assertThat(reopened.uuid()).isEqualTo(uuid);
    assertThat(reopened.get(7).length()).isEqualTo(data.length);
    assertThat(readAll(reopened, 7)).isEqualTo(data);
  }

  @Test
  void aDamagedPacketLeavesNoTrace() throws IOException {
    ChunkStore store = ChunkStore.open(List.of(dir), 1.0, 0);
    ReplicaWriter w = store.openWriter(8, 1, 0, false);
    byte[] data = random(1000, 2);
    BfsException e = assertThrows(BfsException.class,
        () -> w.write(0, ByteString.copyFrom(data), List.of(Checksums.crc(data, 0, 1000) ^ 1)));
    assertThat(e.code()).isEqualTo(StatusCode.CORRUPT);
    assertThat(w.length()).isZero();
    assertThat(Files.size(store.get(8).dataFile())).isZero();
  }

  @Test
  void anUnfinishedReplicaKeepsWhatItsChecksumsVouchFor() throws IOException {
    ChunkStore store = ChunkStore.open(List.of(dir), 1.0, 0);
    byte[] data = random(200_000, 3);
    ReplicaWriter w = store.openWriter(9, 1, 0, false);
    append(w, data, 0, data.length);
    w.close();  // the node stops without finalizing
    // Garbage after the last checksummed byte, as a crash mid-write could leave.
    Path file = store.get(9).dataFile();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[5000]));
    }
    ChunkStore reopened = ChunkStore.open(List.of(dir), 1.0, 0);
    Replica r = reopened.get(9);
    assertThat(r.finalized()).isFalse();
    assertThat(r.length()).isEqualTo(data.length);
    // Resume under a new version (pipeline recovery) at an earlier point, then finish.
    ReplicaWriter resumed = reopened.openWriter(9, 2, 150_000, true);
    append(resumed, data, 150_000, 50_000);
    resumed.finalizeReplica();
    assertThat(readAll(reopened, 9)).isEqualTo(data);
    assertThat(reopened.get(9).version()).isEqualTo(2);
    assertThat(Files.exists(file)).as("the old version's file is gone").isFalse();
  }

  @Test
  void recoveryCutsAndFinalizesAndDeleteRemoves() throws IOException {
    ChunkStore store = ChunkStore.open(List.of(dir), 1.0, 0);
    byte[] data = random(100_000, 4);
    ReplicaWriter w = store.openWriter(10, 3, 0, false);
    append(w, data, 0, data.length);
    Replica r = store.recover(10, 3, 4, 70_000, true);
    assertThat(r.finalized()).isTrue();
    assertThat(r.length()).isEqualTo(70_000);
    assertThat(readAll(store, 10)).isEqualTo(Arrays.copyOf(data, 70_000));
    assertThat(store.recover(10, 3, 4, 70_000, true).length()).as("repeated recovery").isEqualTo(70_000);
    assertThat(store.delete(10)).isTrue();
    assertThat(store.get(10)).isNull();
    assertThat(Files.exists(r.dataFile())).isFalse();
    assertThat(store.delete(10)).isFalse();
  }

  @Test
  void aCopyReplacesWhatABrokenCopyLeftButNeverAFinishedReplicaOrOneBeingWritten() throws IOException {
    ChunkStore store = ChunkStore.open(List.of(dir), 1.0, 0);
    byte[] data = random(200_000, 5);
    ReplicaWriter broken = store.openWriter(12, 1, 0, false);
    append(broken, data, 0, 50_000);
    BfsException busy = assertThrows(BfsException.class, () -> store.openWriter(12, 1, 0, false));
    assertThat(busy.code()).as("a replica being written is not replaced").isEqualTo(StatusCode.ALREADY_EXISTS);
    broken.close(); // the copy's stream broke: an unfinished replica is left, written by no one

    ReplicaWriter again = store.openWriter(12, 1, 0, false);
    append(again, data, 0, data.length);
    again.finalizeReplica();
    assertThat(readAll(store, 12)).isEqualTo(data);

    BfsException done = assertThrows(BfsException.class, () -> store.openWriter(12, 1, 0, false));
    assertThat(done.code()).as("a finished replica is not replaced").isEqualTo(StatusCode.ALREADY_EXISTS);
    assertThat(readAll(store, 12)).isEqualTo(data);
  }

  @Test
  void aFullNodeRefusesNewReplicas() throws IOException {
    ChunkStore store = ChunkStore.open(List.of(dir), 0.0000001, 0);
    BfsException e = assertThrows(BfsException.class, () -> store.openWriter(11, 1, 0, false));
    assertThat(e.code()).isEqualTo(StatusCode.NO_SPACE);
  }
}
