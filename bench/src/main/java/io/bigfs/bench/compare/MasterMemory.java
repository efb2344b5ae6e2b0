package io.bigfs.bench.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap that the metadata servers keep per file: the slope of the JVM's heap after a full
 * collection, taken at {@link #CHECKPOINTS} points while many empty files are created from 16
 * threads, fitted by least squares. The whole system runs in this JVM, so the heap is that of all
 * its servers (BigFS: three masters; HDFS: one NameNode) and the slope is divided by their number.
 * Also the heap and the JVM's resident set size at the end.
 *
 * <p>Why a slope and a long warm-up: some of a server's heap is bounded but large, and fills
 * with the first files (Ratis keeps up to two 8 MiB log segments per master on the heap, about
 * 110,000 entries; the NameNode has its own caches). Two heap readings taken before such a cache
 * is full make it look like heap per file, and readings at two points of its sawtooth vary by
 * tens of megabytes; a line through several readings after the warm-up does not.
 */
final class MasterMemory {
  /** Files created before the first reading (or twice the files measured, if fewer): enough to fill Ratis' log cache. */
  static final int WARM_UP_FILES = 150_000;
  static final int CHECKPOINTS = 5;
  private static final double MIB = 1048576.0;

  private MasterMemory() {}

  /**
   * What was measured: heap growth per file and metadata server in bytes (the slope), the heap
   * and RSS at the end in MiB, and the heap readings the slope was fitted to, in MiB.
   */
  record Result(double bytesPerFile, double heapMiB, double rssMiB, double[] readingsMiB) {}

  static Result run(SystemUnderTest system, String dir, int files, int metadataServers) throws Exception {
    int threads = 16;
    try (SystemUnderTest.Session s = system.session()) {
      for (int t = 0; t < threads; t++) {
        s.mkdirs(dir + "/warm/t" + t);
        for (int c = 1; c <= CHECKPOINTS; c++) {
          s.mkdirs(dir + "/files" + c + "/t" + t);
        }
      }
    }
    createEmpty(system, dir + "/warm", threads, Math.max(threads, Math.min(WARM_UP_FILES, 2 * files)));
    double[] created = new double[CHECKPOINTS + 1];
    double[] heap = new double[CHECKPOINTS + 1];
    heap[0] = heapAfterGc() / MIB;
    for (int c = 1; c <= CHECKPOINTS; c++) {
      created[c] = created[c - 1] + createEmpty(system, dir + "/files" + c, threads, Math.max(threads, files / CHECKPOINTS));
      heap[c] = heapAfterGc() / MIB;
    }
    double perFile = slope(created, heap) * MIB / metadataServers;
    Result result = new Result(perFile, heap[CHECKPOINTS], rssBytes() / MIB, heap);
    try (SystemUnderTest.Session s = system.session()) {
      s.delete(dir, true);
    }
    return result;
  }

  /** The least-squares slope of y over x. */
  static double slope(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - mx) * (y[i] - my);
      den += (x[i] - mx) * (x[i] - mx);
    }
    return den == 0 ? 0 : num / den;
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
