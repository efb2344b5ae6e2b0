package io.bigfs.bench.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap that the metadata servers keep per file: the JVM's heap after a full collection, before
 * and after many empty files are created from 16 threads. The whole system runs in this JVM, so
 * the heap is that of all its servers (BigFS: three masters; HDFS: one NameNode) and the growth
 * is divided by their number. Also the JVM's resident set size at the end.
 */
final class MasterMemory {
  private MasterMemory() {}

  /** Returns {heap growth per file per metadata server in bytes, heap after in MiB, RSS after in MiB}. */
  static double[] run(SystemUnderTest system, String dir, int files, int metadataServers) throws Exception {
    int threads = 16;
    try (SystemUnderTest.Session s = system.session()) {
      for (int t = 0; t < threads; t++) {
        s.mkdirs(dir + "/warm/t" + t);
        s.mkdirs(dir + "/files/t" + t);
      }
    }
    // A first batch fills what is bounded (log caches, memtables), so the growth measured next is per file.
    createEmpty(system, dir + "/warm", threads, Math.max(threads, files / 10));
    long before = heapAfterGc();
    int created = createEmpty(system, dir + "/files", threads, files);
    long after = heapAfterGc();
    double perFile = (after - before) / (double) created / metadataServers;
    double[] result = {perFile, after / 1048576.0, rssBytes() / 1048576.0};
    try (SystemUnderTest.Session s = system.session()) {
      s.delete(dir, true);
    }
    return result;
  }

  private static int createEmpty(SystemUnderTest system, String dir, int threads, int files) throws Exception {
    int perThread = files / threads;
    Parallel.run(system, threads, (s, t) -> {
      for (int i = 0; i < perThread; i++) {
        s.createEmpty(dir + "/t" + t + "/" + i);
      }
    });
    return perThread * threads;
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }
}
