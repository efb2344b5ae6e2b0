package io.bigfs.chunkserver.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bigfs.common.BfsException;
import io.bigfs.proto.StatusCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.bigfs.chunkserver.storage.ChunkStoreTest.append;
import static io.bigfs.chunkserver.storage.ChunkStoreTest.random;
import static io.bigfs.chunkserver.storage.ChunkStoreTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DirectIoTest {
  private static final int BLOCK = DirectAppender.ALIGNMENT;

  @TempDir Path dir;

  /** The tests mean something only where the disk takes O_DIRECT (not on tmpfs). */
  private DirectAppender openDirect(Path file) throws IOException {
    Files.write(file, new byte[0]);
    DirectAppender direct = DirectAppender.open(file, true);
    assumeTrue(direct.enabled(), "the file system of " + dir + " refuses O_DIRECT");
    return direct;
  }

  /** A store writing and reading past the cache, in a directory that allows it. */
  private ChunkStore directStore() throws IOException {
    openDirect(dir.resolve("probe")).close();
    return ChunkStore.open(List.of(dir), 1.0, 0, true);
  }

  @Test
  void writesTheWholeBlocksOfAnAlignedAppendAndLeavesTheRest() throws IOException {
    Path file = dir.resolve("f");
    byte[] data = random(3 * AlignedBuffers.BYTES + BLOCK + 100, 1);
    try (DirectAppender direct = openDirect(file)) {
      ByteBuffer src = ByteBuffer.wrap(data);
      assertThat(direct.write(src, 0)).isEqualTo(data.length - 100);
      assertThat(src.remaining()).as("the unaligned tail is left to the caller").isEqualTo(100);

      ByteBuffer odd = ByteBuffer.wrap(data, 0, 2 * BLOCK);
      assertThat(direct.write(odd, 100)).as("nothing goes direct at an unaligned offset").isZero();
      assertThat(odd.position()).isZero();
      assertThat(direct.write(ByteBuffer.wrap(data, 0, BLOCK - 1), BLOCK)).as("less than a block is left too")
          .isZero();
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOf(data, data.length - 100));
  }

  @Test
  void aReplicaMixingDirectAndCachedAppendsReadsBackTheBytesWrittenBeforeAndAfterARestart() throws IOException {
    ChunkStore store = directStore();
    byte[] data = random(5 << 20, 2);
    ReplicaWriter w = store.openWriter(9, 1, 0, false);
    int[] lengths = {
        1 << 20,                 // a packet: direct
        BLOCK,                   // one block: direct
        1000,                    // leaves the end unaligned: through the cache
        (1 << 20) + 3000,        // at an unaligned offset: through the cache
        BLOCK - 4000 % BLOCK,    // brings the end back to a block boundary
        (2 << 20) + 100,         // two staging buffers direct, 100 bytes through the cache
    };
    int at = 0;
    for (int n : lengths) {
      append(w, data, at, n);
      at += n;
      assertThat(readAll(store, 9)).as("readable while written, after %d bytes", at)
          .isEqualTo(Arrays.copyOf(data, at));
    }
    assertThat((long) at).isEqualTo(w.length());
    w.finalizeReplica();
    byte[] expected = Arrays.copyOf(data, at);
    assertThat(readAll(store, 9)).isEqualTo(expected);
    assertThat(readAll(ChunkStore.open(List.of(dir), 1.0, 0, true), 9)).isEqualTo(expected);
  }

  @Test
  void aResumedReplicaAtAnUnalignedLengthGoesOnCorrectly() throws IOException {
    ChunkStore store = directStore();
    byte[] data = random(3 << 20, 3);
    ReplicaWriter first = store.openWriter(11, 1, 0, false);
    append(first, data, 0, (1 << 20) + 777);
    first.close();

    ReplicaWriter resumed = store.openWriter(11, 1, (1 << 20) + 777, true);
    append(resumed, data, (1 << 20) + 777, BLOCK - 777);   // back on a boundary
    append(resumed, data, (1 << 20) + BLOCK, (1 << 20));  // direct again
    resumed.finalizeReplica();
    assertThat(readAll(store, 11)).isEqualTo(Arrays.copyOf(data, (2 << 20) + BLOCK));
  }

  @Test
  void aLargeRangeOfAFinishedReplicaReadsPastTheCacheWithTheBytesWrittenAndItsEndCutShort() throws IOException {
    ChunkStore store = directStore();
    byte[] data = random((3 << 20) + 12_345, 4);
    ReplicaWriter w = store.openWriter(13, 1, 0, false);
    append(w, data, 0, data.length);
    w.finalizeReplica();

    // From inside a block to past the end: widened to whole blocks, cut at the replica's end.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] first = {-1};
    ReplicaReader.read(store, 13, 1, 70_000, 10 << 20, (offset, piece, crcs, length) -> {
      if (first[0] < 0) {
        first[0] = offset;
      }
      byte[] b = new byte[piece.remaining()];
      piece.get(b);
      out.write(b, 0, b.length);
    });
    assertThat(first[0]).isEqualTo(65_536);
    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 65_536, data.length));

    // A finished replica whose file lost its end is corrupt, not short.
    Replica replica = store.get(13);
    try (FileChannel ch = FileChannel.open(replica.dataFile(), StandardOpenOption.WRITE)) {
      ch.truncate((2 << 20) + 10);
    }
    BfsException e = assertThrows(BfsException.class, () -> readAll(store, 13));
    assertThat(e.code()).isEqualTo(StatusCode.CORRUPT);
  }

  @Test
  void withEveryAlignedBufferInUseWritesAndReadsGoThroughTheCacheInstead() throws IOException {
    ChunkStore store = directStore();
    List<ByteBuffer> held = new ArrayList<>();
    for (ByteBuffer b; (b = AlignedBuffers.tryBorrow()) != null; ) {
      held.add(b);
    }
    try {
      assertThat(held).hasSizeLessThanOrEqualTo(AlignedBuffers.MAX_BUFFERS);
      byte[] data = random((2 << 20) + 5, 5);
      ReplicaWriter w = store.openWriter(15, 1, 0, false);
      append(w, data, 0, data.length);
      w.finalizeReplica();
      assertThat(readAll(store, 15)).isEqualTo(data);
    } finally {
      held.forEach(AlignedBuffers::giveBack);
    }
  }
}
