package io.bigfs.chunkserver;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Capacity and use of each data directory's file system, tagged {@code dir}, so that one full
 * disk shows even when the node as a whole has room. Two directories on one file system report
 * the same numbers; sum over distinct file systems, not over directories.
 */
final class DiskMetrics {
  private DiskMetrics() {}

  /** A number read from a file system. */
  @FunctionalInterface
  private interface Space {
    long of(FileStore fs) throws IOException;
  }

  /** Gauges hold their object weakly; nothing else holds these paths, hence strong references. */
  static void register(MeterRegistry r, List<Path> dirs) {
    for (Path dir : dirs) {
      String tag = dir.toAbsolutePath().normalize().toString();
      Gauge.builder("bfs.chunkserver.disk.capacity", dir, d -> space(d, FileStore::getTotalSpace))
          .baseUnit("bytes").tag("dir", tag).description("Size of the file system a data directory is on")
          .strongReference(true).register(r);
      // Counted as the operating system does (df): what is not usable is used, blocks reserved for root included.
      Gauge.builder("bfs.chunkserver.disk.used", dir, d -> space(d, fs -> fs.getTotalSpace() - fs.getUsableSpace()))
          .baseUnit("bytes").tag("dir", tag).description("Bytes of that file system not available to the chunkserver")
          .strongReference(true).register(r);
    }
  }

  /** A disk that cannot be asked reads as NaN: no number is better than a made-up one. */
  private static double space(Path dir, Space f) {
    try {
      return f.of(Files.getFileStore(dir));
    } catch (IOException e) {
      return Double.NaN;
    }
  }
}
