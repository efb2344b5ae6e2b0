package io.bigfs.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Empties the kernel's page cache (needs root) so that reads after writes come from the disk, for
 * both systems and the raw disk alike. Where that is refused the reads are warm, and the results
 * say so.
 */
final class PageCache {
  private static final Path DROP = Path.of("/proc/sys/vm/drop_caches");

  private PageCache() {}

  /** Writes dirty pages out and drops clean ones; false if the kernel refused. */
  static boolean drop() throws IOException, InterruptedException {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
    try {
      Files.writeString(DROP, "3\n");
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
