package io.bigfs.bench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs every kind of metadata operation, unmeasured, until its rate stops rising: the JIT's
 * work, not a fixed count, decides when a system is warm. A fixed 2,000 operations was not
 * enough: 16 threads of stat against a fresh BigFS in this JVM went 3,100, 5,400, 10,400, 12,300,
 * 13,800, 13,700 stats/s in successive rounds of 20,000 (HDFS 5,900 to 14,800), the JIT still
 * compiling hundreds of methods in the third round, so the measured row caught whichever system
 * was further along.
 *
 * <p>Each kind runs in rounds of a fixed time; it is warm when a round, from the second on, is
 * not 5 % faster than the best before it. Threads work in their own directories, on names
 * the measured run does not use.
 */
final class MetadataWarmUp {
  /** A round this much faster than every earlier one means the JIT is still at work. */
  static final double STILL_RISING = 1.05;

  private MetadataWarmUp() {}

  /** What the warm-up saw of one kind: the rate of each round, in ops/s. */
  record Kind(String name, List<Double> rounds) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %,.0f -> %,.0f ops/s in %d rounds", name, rounds.get(0),
          rounds.get(rounds.size() - 1), rounds.size());
    }
  }

  /**
   * @param roundSeconds how long each round runs
   * @param maxRounds    rounds after which a kind counts as warm whatever its rate does
   */
  static List<Kind> run(SystemUnderTest system, String dir, int threads, double roundSeconds, int maxRounds)
      throws Exception {
    long[] created = new long[threads];
    long[] renamed = new long[threads];
    long[] made = new long[threads];
    Parallel.run(system, threads, (s, t) -> {
      s.mkdirs(dir + "/d/t" + t);
      s.mkdirs(dir + "/f/t" + t);
      s.mkdirs(dir + "/r/t" + t);
      s.mkdirs(dir + "/ls/t" + t);
      for (int f = 0; f < MetadataOps.FILES_PER_LISTED_DIR; f++) {
        s.createEmpty(dir + "/ls/t" + t + "/f" + f);
      }
    });
    List<Kind> kinds = new ArrayList<>();
    kinds.add(untilWarm("mkdir", system, threads, roundSeconds, maxRounds, (s, t) -> {
      s.mkdirs(dir + "/d/t" + t + "/" + made[t]++);
      return true;
    }));
    kinds.add(untilWarm("create", system, threads, roundSeconds, maxRounds, (s, t) -> {
      s.createEmpty(dir + "/f/t" + t + "/" + created[t]++);
      return true;
    }));
    long[] statted = new long[threads];
    kinds.add(untilWarm("stat", system, threads, roundSeconds, maxRounds, (s, t) -> {
      if (created[t] == 0) {
        return false;
      }
      s.stat(dir + "/f/t" + t + "/" + statted[t]++ % created[t]);
      return true;
    }));
    kinds.add(untilWarm("list", system, threads, roundSeconds, maxRounds, (s, t) -> {
      s.list(dir + "/ls/t" + t);
      return true;
    }));
    kinds.add(untilWarm("rename", system, threads, roundSeconds, maxRounds, (s, t) -> {
      if (renamed[t] == created[t]) {
        return false;
      }
      s.rename(dir + "/f/t" + t + "/" + renamed[t], dir + "/r/t" + t + "/" + renamed[t]);
      renamed[t]++;
      return true;
    }));
    long[] deleted = new long[threads];
    kinds.add(untilWarm("delete", system, threads, roundSeconds, maxRounds, (s, t) -> {
      if (deleted[t] == renamed[t]) {
        return false;
      }
      s.delete(dir + "/r/t" + t + "/" + deleted[t]++, false);
      return true;
    }));
    try (SystemUnderTest.Session s = system.session()) {
      s.delete(dir, true);
    }
    return kinds;
  }

  /** One operation of thread {@code t}; false when it has nothing left to work on. */
  private interface Step {
    boolean run(SystemUnderTest.Session session, int thread) throws Exception;
  }

  private static Kind untilWarm(String name, SystemUnderTest system, int threads, double roundSeconds, int maxRounds,
                                Step step) throws Exception {
    List<Double> rates = new ArrayList<>();
    double best = 0;
    while (rates.size() < maxRounds) {
      long[] done = new long[threads];
      long roundNanos = (long) (roundSeconds * 1e9);
      double seconds = Parallel.run(system, threads, (s, t) -> {
        long end = System.nanoTime() + roundNanos;
        while (System.nanoTime() < end && step.run(s, t)) {
          done[t]++;
        }
      });
      double rate = Arrays.stream(done).sum() / seconds;
      rates.add(rate);
      if (rates.size() >= 2 && rate < best * STILL_RISING) {
        break;
      }
      best = Math.max(best, rate);
    }
    return new Kind(name, rates);
  }
}
