package io.bigfs.bench.compare;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * What the disk under the benchmark's directory does on its own: a sequential write of one file,
 * fsync'd before the clock stops, and a sequential read of it that bypasses the page cache
 * (O_DIRECT). These are the limits the file systems' rows are compared with.
 */
final class DiskLimit {
  private static final int BUFFER = 1 << 20;
  private static final int ALIGN = 4096;

  private DiskLimit() {}

  /** Returns {write MB/s, read MB/s}. */
  static double[] run(Path dir, long size, boolean dropCache) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("raw-disk-test");
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER + ALIGN).alignedSlice(ALIGN);
    byte[] random = new byte[BUFFER];
    new SplittableRandom(7).nextBytes(random);
    buf.put(random).flip();
    long blocks = Math.max(1, size / BUFFER);
    try {
      long start = System.nanoTime();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        for (long b = 0; b < blocks; b++) {
          buf.rewind();
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
        }
        ch.force(true);
      }
      double writeSeconds = (System.nanoTime() - start) / 1e9;
      if (dropCache) {
        PageCache.drop();
      }
      start = System.nanoTime();
      try (FileChannel ch = openUncached(file)) {
        for (long b = 0; b < blocks; b++) {
          buf.clear();
          while (buf.hasRemaining() && ch.read(buf) > 0) {
            // fill the buffer
          }
        }
      }
      double readSeconds = (System.nanoTime() - start) / 1e9;
      double megabytes = blocks * (double) BUFFER / 1e6;
      return new double[] {megabytes / writeSeconds, megabytes / readSeconds};
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** O_DIRECT where the file system allows it (tmpfs does not); else a plain read after the cache drop. */
  private static FileChannel openUncached(Path file) throws IOException {
    try {
      return FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      return FileChannel.open(file, StandardOpenOption.READ);
    }
  }
}
