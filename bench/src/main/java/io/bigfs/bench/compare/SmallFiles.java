package io.bigfs.bench.compare;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/** 64 KiB files written (create, write, close) and then read back, per second, from several threads. */
final class SmallFiles {
  static final int SIZE = 64 * 1024;

  private SmallFiles() {}

  /** Returns {files written/s, files read/s}. */
  static double[] run(SystemUnderTest system, String dir, int threads, int files, boolean coldReads) throws Exception {
    byte[] content = new byte[SIZE];
    new SplittableRandom(64).nextBytes(content);
    try (SystemUnderTest.Session s = system.session()) {
      for (int t = 0; t < threads; t++) {
        s.mkdirs(dir + "/t" + t);
      }
    }
    int perThread = Math.max(1, files / threads);
    double writeSeconds = Parallel.run(system, threads, (s, t) -> {
      for (int i = 0; i < perThread; i++) {
        try (OutputStream out = s.create(dir + "/t" + t + "/" + i)) {
          out.write(content);
        }
      }
    });
    if (coldReads) {
      PageCache.drop();
    }
    double readSeconds = Parallel.run(system, threads, (s, t) -> {
      for (int i = 0; i < perThread; i++) {
        try (InputStream in = s.open(dir + "/t" + t + "/" + i)) {
          if (!Arrays.equals(in.readAllBytes(), content)) {
            throw new IllegalStateException(system.name() + ": " + dir + "/t" + t + "/" + i + " reads back different bytes");
          }
        }
      }
    });
    try (SystemUnderTest.Session s = system.session()) {
      s.delete(dir, true);
    }
    long total = (long) perThread * threads;
    return new double[] {total / writeSeconds, total / readSeconds};
  }
}
