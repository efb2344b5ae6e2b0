package io.bigfs.bench.compare;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs every kind of metadata operation, unmeasured, until the JIT has done its work: a fixed
 * count was not enough. On this 2-core machine, 16 threads of mkdir against a fresh BigFS in
 * this JVM ran 565, 745, 867, ... 1,755, 2,120 mkdirs/s in successive 4-second rounds, the JIT
 * compiling through the first 50 seconds (4.5 s of compile time per round at first, 0.6 s in the
 * last); 16 threads of stat took 16 seconds to go from 2,500 to 12,900 stats/s. Measured rows of
 * 2,000 operations caught whichever system was further along.
 *
 * <p>Each kind runs in rounds of a fixed time until a round is not 5 % faster than the best before
 * it and neither it nor the round before spent more than a tenth of its time compiling (the JIT's
 * own clock, all compiler threads together). Threads make, rename and delete entries in their
 * own directories and list one shared directory, on names the measured run does not use.
 */
final class MetadataWarmUp {
  /** A round this much faster than every earlier one means the system is still warming. */
  static final double STILL_RISING = 1.05;
  /** Compile time per round of wall time above which the JIT is still busy with this work. */
  static final double STILL_COMPILING = 0.1;

  private MetadataWarmUp() {}

  /** What the warm-up saw of one kind: per round, the rate in ops/s and the JIT's compile time. */
  record Kind(String name, List<Double> rates, List<Long> compileMillis) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %,.0f -> %,.0f ops/s in %d rounds (JIT %,d -> %,d ms a round)", name,
          rates.get(0), rates.get(rates.size() - 1), rates.size(), compileMillis.get(0),
          compileMillis.get(compileMillis.size() - 1));
    }
  }

  /**
   * @param roundSeconds how long each round runs
   * @param maxRounds    rounds after which a kind counts as warm whatever its rate does
   */
  static List<Kind> run(SystemUnderTest system, String dir, int threads, double roundSeconds, int maxRounds)
      throws Exception {
    // One set of sessions for every round, as long-lived clients would be.
    List<SystemUnderTest.Session> sessions = Parallel.open(system, threads);
    try {
      return warm(sessions, dir, roundSeconds, maxRounds);
    } finally {
      Parallel.close(sessions);
    }
  }

  private static List<Kind> warm(List<SystemUnderTest.Session> sessions, String dir, double roundSeconds,
                                 int maxRounds) throws Exception {
    int threads = sessions.size();
    long[] created = new long[threads];
    sessions.get(0).mkdirs(dir + "/ls");
    for (int f = 0; f < MetadataOps.FILES_PER_LISTED_DIR; f++) {
      sessions.get(0).createEmpty(dir + "/ls/f" + f);
    }
    Parallel.run(sessions, (s, t) -> {
      s.mkdirs(dir + "/d/t" + t);
      s.mkdirs(dir + "/f/t" + t);
      s.mkdirs(dir + "/r/t" + t);
      s.createEmpty(dir + "/f/t" + t + "/" + created[t]++);
    });
    Rounds rounds = new Rounds(sessions, roundSeconds, maxRounds);
    List<Kind> kinds = new ArrayList<>();
    long[] made = new long[threads];
    kinds.add(rounds.untilWarm("mkdir", (s, t) -> {
      s.mkdirs(dir + "/d/t" + t + "/" + made[t]++);
      return true;
    }));
    kinds.add(rounds.untilWarm("create", (s, t) -> {
      s.createEmpty(dir + "/f/t" + t + "/" + created[t]++);
      return true;
    }));
    long[] statted = new long[threads];
    kinds.add(rounds.untilWarm("stat", (s, t) -> {
      s.stat(dir + "/f/t" + t + "/" + statted[t]++ % created[t]);
      return true;
    }));
    kinds.add(rounds.untilWarm("list", (s, t) -> {
      s.list(dir + "/ls");
      return true;
    }));
    // File 0 of each thread moves between two directories and back, so rounds never run out.
    long[] moves = new long[threads];
    kinds.add(rounds.untilWarm("rename", (s, t) -> {
      String there = dir + "/r/t" + t + "/0";
      String here = dir + "/f/t" + t + "/0";
      if (moves[t]++ % 2 == 0) {
        s.rename(here, there);
      } else {
        s.rename(there, here);
      }
      return true;
    }));
    long[] deleted = new long[threads];
    kinds.add(rounds.untilWarm("delete", (s, t) -> {
      if (deleted[t] + 1 >= created[t]) {
        return false;
      }
      s.delete(dir + "/f/t" + t + "/" + ++deleted[t], false);
      return true;
    }));
    sessions.get(0).delete(dir, true);
    return kinds;
  }

  /** One operation of thread {@code t}; false when it has nothing left to work on. */
  private interface Step {
    boolean run(SystemUnderTest.Session session, int thread) throws Exception;
  }

  /** Rounds of one kind of step, timed, with the JIT's compile time over each. */
  private record Rounds(List<SystemUnderTest.Session> sessions, double roundSeconds, int maxRounds) {
    Kind untilWarm(String name, Step step) throws Exception {
      CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
      List<Double> rates = new ArrayList<>();
      List<Long> compileMillis = new ArrayList<>();
      double best = 0;
      boolean wasCompiling = true;  // so that there are two rounds at least
      while (rates.size() < maxRounds) {
        long[] done = new long[sessions.size()];
        long roundNanos = (long) (roundSeconds * 1e9);
        long compiledBefore = compileMillis(jit);
        double seconds = Parallel.run(sessions, (s, t) -> {
          long end = System.nanoTime() + roundNanos;
          while (System.nanoTime() < end && step.run(s, t)) {
            done[t]++;
          }
        });
        long compiled = compileMillis(jit) - compiledBefore;
        long ops = Arrays.stream(done).sum();
        double rate = ops / seconds;
        rates.add(rate);
        compileMillis.add(compiled);
        boolean rising = rate >= best * STILL_RISING;
        boolean compiling = compiled > seconds * 1000 * STILL_COMPILING;
        // One quiet round is not enough: the compiler threads get a small share of two cores
        // under 16 busy threads, and a round can fall between two bursts of their work.
        if (ops == 0 || !rising && !compiling && !wasCompiling) {
          break;
        }
        wasCompiling = compiling;
        best = Math.max(best, rate);
      }
      return new Kind(name, rates, compileMillis);
    }

    /** The JIT's total compile time so far, or 0 where the JVM does not keep it. */
    private static long compileMillis(CompilationMXBean jit) {
      return jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
  }
}
