package io.bigfs.it.datapath;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;
import io.bigfs.common.BfsException;
import io.bigfs.master.MasterConfig;
import io.bigfs.proto.StatusCode;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Nodes die, disks rot, writers vanish: the data stays right and callers hear nothing of it. */
class FailuresTest {
  static final int CHUNK = 256 * 1024;
  MiniCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  static byte[] read(BfsClient fs, String path) throws IOException {
    try (BfsInputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }


  @Test
  void aPipelineNodeKilledMidWriteDoesNotStopTheWrite() throws Exception {
    cluster = MiniCluster.builder().chunkservers(4).start();
    BfsClient fs = cluster.newClient();
    byte[] data = random(6 * CHUNK + 999, 11);
    try (BfsOutputStream out = fs.create("/survivor", CreateOptions.DEFAULT.withChunkSize(CHUNK))) {
      out.write(data, 0, 2 * CHUNK + 100_000);
      out.hflush();
      // Kill the middle node of the pipeline of the chunk being written.
      ChunkInfo current = fs.chunks("/survivor", 2 * CHUNK, 1).get(0);
      cluster.killChunkserver(cluster.indexOfNode(current.nodeIds().get(1)));
      out.write(data, 2 * CHUNK + 100_000, data.length - (2 * CHUNK + 100_000));
    }
    assertThat(fs.stat("/survivor").length()).isEqualTo(data.length);
    assertThat(read(fs, "/survivor")).isEqualTo(data);
    ChunkInfo repaired = fs.chunks("/survivor", 2 * CHUNK, 1).get(0);
    assertThat(repaired.version()).as("the chunk got a new version").isGreaterThan(1);
    // Locations are soft state: the replacement's finalized replica counts from its next heartbeat.
    Wait.until("a replacement in the chunk's locations", Duration.ofSeconds(10),
        () -> chunkNodes(fs, "/survivor", 2 * CHUNK) == 3);
  }

  @Test
  void aReadSucceedsWhenAReplicaHolderIsDown() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    BfsClient fs = cluster.newClient();
    byte[] data = random(3 * CHUNK + 5, 12);
    try (BfsOutputStream out = fs.create("/spread", CreateOptions.DEFAULT.withChunkSize(CHUNK))) {
      out.write(data);
    }
    // The first replica a reader would pick goes away (the master has not noticed yet).
    cluster.killChunkserver(cluster.indexOfNode(fs.chunks("/spread", 0, 0).get(0).nodeIds().get(0)));
    assertThat(read(fs, "/spread")).isEqualTo(data);
  }

  @Test
  void aFlippedByteOnDiskIsCaughtAndReported() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).start();
    BfsClient fs = cluster.newClient();
    byte[] data = random(2 * CHUNK, 13);
    try (BfsOutputStream out = fs.create("/rot", CreateOptions.DEFAULT.withChunkSize(CHUNK))) {
      out.write(data);
    }
    ChunkInfo first = fs.chunks("/rot", 0, 0).get(0);
    int victim = first.nodeIds().get(0);
    Path file = cluster.replicaFile(victim, first.chunkId());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, 1000);
      b.flip();
      byte flipped = (byte) (b.get(0) ^ 0x40);
      ch.write(ByteBuffer.wrap(new byte[] {flipped}), 1000);
    }
    assertThat(read(fs, "/rot")).isEqualTo(data);
    var reports = cluster.master(cluster.leaderIndex()).corruptReplicas().recent();
    assertThat(reports).anySatisfy(r -> {
      assertThat(r.chunkId()).isEqualTo(first.chunkId());
      assertThat(r.nodeId()).isEqualTo(victim);
    });
    Wait.until("the corrupt replica to be deleted and no longer offered", Duration.ofSeconds(20), () -> {
      try {
        return !fs.chunks("/rot", 0, 1).get(0).nodeIds().contains(victim) && !Files.exists(file);
      } catch (IOException e) {
        return false;
      }
    });
  }

  static int chunkNodes(BfsClient fs, String path, long offset) {
    try {
      return fs.chunks(path, offset, 1).get(0).nodes().size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }


  @Test
  void aSecondWriterIsRefusedAndAVanishedWritersFileIsRecovered() throws Exception {
    cluster = MiniCluster.builder().chunkservers(3).master(MasterConfig.LEASE_EXPIRY.name(), 2000).start();
    BfsClient writer = cluster.newClient();
    BfsClient other = cluster.newClient();
    byte[] data = random(CHUNK + 4321, 14);
    BfsOutputStream out = writer.create("/orphaned", CreateOptions.DEFAULT.withChunkSize(CHUNK));
    out.write(data);
    out.hflush();

    BfsException refused = assertThrows(BfsException.class,
        () -> other.create("/orphaned", CreateOptions.DEFAULT.withOverwrite(true)));
    assertThat(refused.code()).isEqualTo(StatusCode.LEASE_CONFLICT);
    assertThat(refused.getMessage()).contains("being written by another client");

    // The writer vanishes without closing: no more renewals.
    writer.close();
    Wait.until("the lease to expire and the file to be recovered", Duration.ofSeconds(30), () -> {
      try {
        return !other.stat("/orphaned").underConstruction();
      } catch (IOException e) {
        return false;
      }
    });
    assertThat(other.stat("/orphaned").length()).isEqualTo(data.length);
    assertThat(read(other, "/orphaned")).isEqualTo(data);
  }
}
