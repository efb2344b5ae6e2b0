package io.bigfs.bench.chaos;

import io.bigfs.common.FileTrees;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/run chaos [--seconds 90 | --minutes 30] [--seed N] [--runs 1] [--writers 2] [--dir DIR]}:
 * chaos runs against a local cluster of real processes; exit code 1 when any run found an anomaly.
 * Without a seed each run draws one (and prints it).
 */
public final class ChaosMain {
  private ChaosMain() {}

  public static void main(String[] args) throws Exception {
    long seconds = 90;
    Long seed = null;
    int runs = 1;
    int writers = 2;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(value);
        case "--minutes" -> seconds = Long.parseLong(value) * 60;
        case "--seed" -> seed = Long.parseLong(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--writers" -> writers = Integer.parseInt(value);
        case "--dir" -> dir = Path.of(value);
        default -> {
          System.err.println("unknown option " + args[i]
              + " (known: --seconds, --minutes, --seed, --runs, --writers, --dir)");
          System.exit(2);
        }
      }
      i++;
    }
    int failed = 0;
    for (int run = 0; run < runs; run++) {
      long s = seed != null ? seed + run : System.nanoTime();
      Path d = dir != null ? dir.resolve("run-" + s) : Files.createTempDirectory("bfs-chaos-");
      // A run starts from nothing: masters left over from an earlier run of this seed would hold
      // files whose chunks went with that run's chunkserver disks.
      FileTrees.delete(d);
      ChaosRun.Report report = ChaosRun.run(new ChaosRun.Options(s, seconds * 1000, d, writers), System.out);
      report.print(System.out);
      failed += report.passed() ? 0 : 1;
    }
    System.out.println(runs + " runs, " + failed + " with anomalies");
    System.exit(failed == 0 ? 0 : 1);
  }
}
