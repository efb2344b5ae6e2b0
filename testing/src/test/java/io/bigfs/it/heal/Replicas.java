package io.bigfs.it.heal;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Helpers for the self-healing tests: write files, read them back, count replicas. */
final class Replicas {
  static final int CHUNK = 128 * 1024;

  private Replicas() {}

  static byte[] write(BfsClient fs, String path, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    try (BfsOutputStream out = fs.create(path, CreateOptions.DEFAULT.withChunkSize(CHUNK).withCreateParents(true))) {
      out.write(data);
    }
    return data;
  }

  /** Flips one byte of a file in place: rot that its checksums catch. */
  static void rot(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 1)}), offset);
    }
  }

  static byte[] read(BfsClient fs, String path) throws IOException {
    try (BfsInputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  /** Every chunk of every path. */
  static List<ChunkInfo> chunks(BfsClient fs, List<String> paths) {
    List<ChunkInfo> all = new ArrayList<>();
    for (String p : paths) {
      try {
        all.addAll(fs.chunks(p, 0, 0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  /** True when every chunk has exactly {@code n} live replicas and none is corrupt: fsck is clean. */
  static boolean exactly(BfsClient fs, List<String> paths, int n) {
    return chunks(fs, paths).stream().allMatch(c -> c.nodes().size() == n && c.corruptReplicas() == 0);
  }

  static int fewest(BfsClient fs, List<String> paths) {
    return chunks(fs, paths).stream().mapToInt(c -> c.nodes().size()).min().orElse(0);
  }
}
