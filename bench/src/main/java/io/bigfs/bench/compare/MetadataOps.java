package io.bigfs.bench.compare;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Namespace operations per second, each kind timed on its own with the same number of
 * operations: mkdir, create (an empty file created and closed), stat, list (a directory of ten
 * files), rename (a file into another directory), delete (a file). Threads work in their own
 * directories, as separate jobs of a cluster would.
 */
final class MetadataOps {
  static final int LISTED_DIRS = 100;
  static final int FILES_PER_LISTED_DIR = 10;

  private MetadataOps() {}

  /** Operations per second by kind, in the order above. */
  static Map<String, Double> run(SystemUnderTest system, String dir, int threads, int ops) throws Exception {
    int listedDirs = Math.max(1, Math.min(LISTED_DIRS, ops / FILES_PER_LISTED_DIR));
    try (SystemUnderTest.Session s = system.session()) {
      for (int t = 0; t < threads; t++) {
        s.mkdirs(dir + "/d/t" + t);
        s.mkdirs(dir + "/f/t" + t);
        s.mkdirs(dir + "/r/t" + t);
      }
      for (int d = 0; d < listedDirs; d++) {
        s.mkdirs(dir + "/ls/" + d);
        for (int f = 0; f < FILES_PER_LISTED_DIR; f++) {
          s.createEmpty(dir + "/ls/" + d + "/f" + f);
        }
      }
    }
    int perThread = Math.max(1, ops / threads);
    long total = (long) perThread * threads;
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put("mkdir", each(system, threads, total, (s, t, i) -> s.mkdirs(dir + "/d/t" + t + "/" + i)));
    // An empty file: the operation is the create and the close.
    rates.put("create", each(system, threads, total, (s, t, i) -> s.createEmpty(dir + "/f/t" + t + "/" + i)));
    rates.put("stat", each(system, threads, total, (s, t, i) -> s.stat(dir + "/f/t" + t + "/" + i)));
    rates.put("list", each(system, threads, total, (s, t, i) -> {
      int n = s.list(dir + "/ls/" + (i % listedDirs));
      if (n != FILES_PER_LISTED_DIR) {
        throw new IllegalStateException(system.name() + " listed " + n + " entries, not " + FILES_PER_LISTED_DIR);
      }
    }));
    rates.put("rename", each(system, threads, total, (s, t, i) ->
        s.rename(dir + "/f/t" + t + "/" + i, dir + "/r/t" + t + "/" + i)));
    rates.put("delete", each(system, threads, total, (s, t, i) -> s.delete(dir + "/r/t" + t + "/" + i, false)));
    try (SystemUnderTest.Session s = system.session()) {
      s.delete(dir, true);
    }
    return rates;
  }

  /** One operation on item {@code i} of thread {@code t}. */
  private interface ThreadOp {
    void run(SystemUnderTest.Session session, int thread, long item) throws Exception;
  }

  private static double each(SystemUnderTest system, int threads, long total, ThreadOp op) throws Exception {
    long perThread = total / threads;
    double seconds = Parallel.run(system, threads, (session, t) -> {
      for (long i = 0; i < perThread; i++) {
        op.run(session, t, i);
      }
    });
    return total / seconds;
  }
}
