package io.bigfs.bench.chaos;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsClientConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One chaos run: start a local cluster, run the workload while the schedule's faults strike,
 * stop both, let the cluster heal, check. A run that finds anything prints its seed and
 * schedule; the same seed replays the same schedule (and the same file contents).
 */
final class ChaosRun {
  /** What to run. */
  record Options(long seed, long durationMs, Path dir, int writers) {}

  /** What a run did and found. */
  record Report(long seed, List<Fault> schedule, List<String> strikes, int faultsStruck, String operations,
                long operationsAcknowledged, long filesChecked, List<String> anomalies) {
    boolean passed() {
      return anomalies.isEmpty();
    }

    void print(PrintStream out) {
      out.println("what was struck:");
      strikes.forEach(s -> out.println("  " + s));
      out.println("chaos seed " + seed + ": " + faultsStruck + " faults struck; " + operations + "; "
          + filesChecked + " files checked at the end");
      if (!passed()) {
        out.println(anomalies.size() + " ANOMALIES:");
        anomalies.forEach(a -> out.println("  " + a));
        out.print(FaultSchedule.describe(seed, schedule));
        out.println("replay: bench/run chaos --seed " + seed + " --seconds " + "<same duration>");
      }
    }
  }

  private ChaosRun() {}

  static Report run(Options o, PrintStream log) throws Exception {
    List<Fault> schedule = FaultSchedule.of(o.seed(), o.durationMs());
    log.print(FaultSchedule.describe(o.seed(), schedule));
    try (LocalNodes nodes = new LocalNodes(o.dir())) {
      log.println("starting a local cluster in " + o.dir());
      nodes.start();
      String masters = nodes.masters();
      try (BfsClient admin = BfsClient.connect(BfsClientConfig.of(masters).withMaxRetryMs(60_000))) {
        Workload workload = new Workload(masters, o.seed(), o.writers());
        long startNs = System.nanoTime();
        workload.start();
        FaultInjector injector = new FaultInjector(nodes, admin, schedule, startNs);
        Thread faults = new Thread(injector, "chaos-faults");
        faults.start();
        Thread.sleep(o.durationMs());
        injector.stop();
        faults.join(300_000);
        workload.stop();
        log.println("workload stopped: " + workload.counts() + "; healing and checking");
        workload.failures().stream().limit(12).forEach(f -> log.println("  failed: " + f));
        List<String> anomalies = new ArrayList<>(workload.anomalies());
        if (injector.failure() != null) {
          anomalies.add("a fault could not be struck or healed: " + injector.failure());
        }
        Checker checker = new Checker(nodes, admin);
        try {
          nodes.start();
          anomalies.addAll(checker.check(workload.ledger()));
        } catch (RuntimeException e) {
          anomalies.add("the cluster did not heal after the faults stopped: " + e.getMessage());
        }
        return new Report(o.seed(), schedule, injector.log(), injector.struck(), workload.counts(),
            workload.acknowledged(), checker.filesChecked(), anomalies);
      }
    }
  }
}
