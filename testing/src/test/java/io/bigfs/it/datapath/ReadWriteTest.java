package io.bigfs.it.datapath;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;
import io.bigfs.client.impl.FileReader;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.NodeLocation;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes read back equal bytes written, at every size that meets a chunk boundary. */
class ReadWriteTest {
  static final int CHUNK = 256 * 1024;
  static MiniCluster cluster;
  static BfsClient fs;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    fs = cluster.newClient();
    fs.mkdirs("/rt");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  static void write(String path, byte[] data, int writeSize) throws IOException {
    write(path, data, writeSize, CreateOptions.DEFAULT.withChunkSize(CHUNK));
  }

  static void write(String path, byte[] data, int writeSize, CreateOptions options) throws IOException {
    try (BfsOutputStream out = fs.create(path, options)) {
      for (int off = 0; off < data.length; off += writeSize) {
        out.write(data, off, Math.min(writeSize, data.length - off));
      }
    }
  }

  static byte[] read(String path) throws IOException {
    try (BfsInputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12345, 65536, 65537})
  void roundTripsAtEverySize(int size) throws IOException {
    byte[] data = random(size, size);
    String path = "/rt/size-" + size;
    fs.mkdirs("/rt");
    write(path, data, 7919);
    assertThat(fs.stat(path).length()).isEqualTo(size);
    assertThat(fs.stat(path).underConstruction()).isFalse();
    assertThat(read(path)).isEqualTo(data);
    long chunks = (size + CHUNK - 1) / CHUNK;
    assertThat(fs.chunks(path, 0, 0)).hasSize((int) chunks)
        .allSatisfy(c -> assertThat(c.nodes()).hasSize(3));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK, CHUNK + 1})
  void roundTripsWhenChunkZeroCameWithTheCreate(int size) throws IOException {
    byte[] data = random(size, size + 1);
    String path = "/rt/first-" + size;
    write(path, data, 7919, CreateOptions.DEFAULT.withChunkSize(CHUNK).withDataFollowing(true));
    assertThat(read(path)).isEqualTo(data);
    assertThat(fs.chunks(path, 0, 0)).hasSize((size + CHUNK - 1) / CHUNK)
        .allSatisfy(c -> assertThat(c.nodes()).hasSize(3));
  }

  @Test
  void aNewFileComesWithItsFirstChunkWhichAnEmptyCloseDrops() throws IOException {
    MasterClient master = cluster.newMasterClient();
    MutateReply created = master.createForWriting(CreateOp.newBuilder().setPath("/rt/first").setReplication(3)
        .setChunkSize(CHUNK).setFirstChunk(true).build());
    long inode = created.getFile().getInodeId();
    assertThat(created.hasChunk()).isTrue();
    assertThat(created.getChunk().getIndex()).isZero();
    assertThat(created.getChunk().getLocationsList()).extracting(NodeLocation::getNodeId).hasSize(3)
        .doesNotHaveDuplicates();
    assertThatThrownBy(() -> master.addChunk("/rt/first", inode, 0, List.of()))
        .hasMessageContaining("chunk 0 requested, but the file has 1 chunks");
    master.complete("/rt/first", inode, 0);
    assertThat(fs.stat("/rt/first").length()).isZero();
    assertThat(fs.chunks("/rt/first", 0, 0)).isEmpty();
  }

  @Test
  void positionalReadsAndSeeksMatchTheSource() throws IOException {
    byte[] data = random(5 * CHUNK + 777, 42);
    write("/rt/random-access", data, 1 << 20);
    Random r = new Random(7);
    try (BfsInputStream in = fs.open("/rt/random-access")) {
      for (int i = 0; i < 200; i++) {
        int pos = r.nextInt(data.length);
        int len = Math.min(r.nextInt(3 * CHUNK), data.length - pos);
        byte[] got = new byte[len];
        in.readFully(pos, got, 0, len);
        assertThat(got).isEqualTo(Arrays.copyOfRange(data, pos, pos + len));
      }
      in.seek(CHUNK - 10);
      byte[] across = new byte[20];
      assertThat(in.readNBytes(across, 0, 20)).isEqualTo(20);
      assertThat(across).isEqualTo(Arrays.copyOfRange(data, CHUNK - 10, CHUNK + 10));
      assertThat(in.position()).isEqualTo(CHUNK + 10);
      in.seek(data.length);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  /**
   * Chunks of several read windows, so that a sequential reader keeps windows in flight ahead
   * of it; seeks back into a window already passed, forward past the windows ahead, and into
   * the next chunk must each read the source's bytes.
   */
  @Test
  void sequentialReadsWithSeeksMatchTheSourceAcrossWindowsReadAhead() throws IOException {
    int window = FileReader.READ_WINDOW;
    int chunk = 6 * window;
    byte[] data = random(2 * chunk + 12_345, 43);
    write("/rt/read-ahead", data, 1 << 20, CreateOptions.DEFAULT.withChunkSize(chunk));
    try (BfsInputStream in = fs.open("/rt/read-ahead")) {
      long[][] seekThenRead = {{0, 3 * window + 5}, {window / 2, 4 * window}, {5 * window - 3, chunk},
          {chunk + 1, 7919}, {chunk - 100, data.length}};
      for (long[] step : seekThenRead) {
        in.seek(step[0]);
        int len = (int) Math.min(step[1], data.length - step[0]);
        byte[] got = new byte[len];
        for (int off = 0, n; off < len; off += n) {
          n = in.read(got, off, Math.min(len - off, 65_537));
          assertThat(n).isPositive();
        }
        assertThat(Arrays.mismatch(got, Arrays.copyOfRange(data, (int) step[0], (int) step[0] + len)))
            .as("first byte that differs of %d read at %d", len, step[0]).isEqualTo(-1);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void hflushMakesBytesVisibleBeforeClose() throws IOException {
    byte[] data = random(CHUNK + 5000, 3);
    try (BfsOutputStream out = fs.create("/rt/flushed", CreateOptions.DEFAULT.withChunkSize(CHUNK))) {
      out.write(data, 0, CHUNK + 1000);
      out.hflush();
      assertThat(read("/rt/flushed")).isEqualTo(Arrays.copyOf(data, CHUNK + 1000));
      out.write(data, CHUNK + 1000, 4000);
      out.hflush();
      assertThat(read("/rt/flushed")).isEqualTo(Arrays.copyOf(data, CHUNK + 5000));
    }
    assertThat(read("/rt/flushed")).isEqualTo(data);
  }

  @Test
  void chunkLocationsNameLiveNodes() throws IOException {
    write("/rt/located", random(2 * CHUNK, 5), CHUNK);
    for (ChunkInfo c : fs.chunks("/rt/located", 0, 0)) {
      assertThat(c.complete()).isTrue();
      assertThat(c.length()).isEqualTo(CHUNK);
      assertThat(c.nodes()).doesNotHaveDuplicates().hasSize(3);
    }
  }
}
