package io.bigfs.client.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several threads, and several processes, filling, reading and evicting in one cache directory
 * at once: nobody ever reads a torn or foreign entry, the bound holds once they are done, and the
 * shared counts lose no update.
 */
class SharedDirectoryTest {
  private static final int OPENS = 60;

  @TempDir
  Path dir;

  @Test
  void threadsOfTwoCachesSharingADirectoryReadOnlyWholeEntries() throws Exception {
    FileCache one = CacheWorker.cache(dir);
    FileCache other = CacheWorker.cache(dir);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        FileCache cache = t % 2 == 0 ? one : other;
        long seed = t;
        results.add(threads.submit(() -> CacheWorker.run(cache, OPENS, seed)));
      }
      for (Future<String> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).as("a wrong read").isNull();
      }
    } finally {
      threads.shutdownNow();
    }
    CacheStats s = one.stats();
    assertThat(s.hits() + s.misses()).as("shared counts").isEqualTo(4 * OPENS);
    assertThat(s.hits()).isPositive();
    assertThat(s.bytes()).isLessThanOrEqualTo(CacheWorker.BOUND);
  }

  @Test
  void twoProcessesAndThisOneSharingADirectoryReadOnlyWholeEntries() throws Exception {
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CacheWorker.class.getName(),
          dir.toString(), Integer.toString(OPENS), Integer.toString(100 + p))
          .redirectErrorStream(true).start());
    }
    assertThat(CacheWorker.run(CacheWorker.cache(dir), OPENS, 7)).as("a wrong read here").isNull();
    for (Process p : processes) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("worker finished").isTrue();
      String output = new String(p.getInputStream().readAllBytes());
      assertThat(p.exitValue()).as("worker exit code; it said: %s", output).isZero();
    }
    CacheStats s = CacheWorker.cache(dir).stats();
    assertThat(s.hits() + s.misses()).as("counts of all three processes").isEqualTo(3 * OPENS);
    assertThat(s.bytes()).isLessThanOrEqualTo(CacheWorker.BOUND);
  }
}
