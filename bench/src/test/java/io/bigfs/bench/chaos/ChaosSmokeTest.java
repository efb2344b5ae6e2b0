package io.bigfs.bench.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short chaos run on real processes, in every build: 45 seconds of writes, reads, renames and
 * deletes while masters and chunkservers are killed, paused and rotted. Seed 85 strikes four
 * kinds of fault in that time (a chunkserver killed, a replica corrupted, a disk filled, the
 * leader killed); seed 7 over a minute struck three kinds (three disks filled, the leader and a
 * chunkserver killed), 25 s longer, in a suite that must stay under ten minutes. The long runs are
 * {@code bench/run chaos --minutes N}. A failure prints the seed, and the schedule it replays,
 * and keeps the cluster's folder (its logs) for a look.
 */
class ChaosSmokeTest {
  static final long SEED = Long.getLong("bfs.chaos.seed", 85);

  @Test
  void nothingAcknowledgedIsLostAndTheMastersAgree(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    ChaosRun.Report report = ChaosRun.run(new ChaosRun.Options(SEED, 45_000, dir, 2), System.out);
    report.print(System.out);
    assertThat(report.anomalies()).as("anomalies of seed %d; the schedule is printed above", SEED).isEmpty();
    assertThat(report.faultsStruck()).isGreaterThanOrEqualTo(3);
    assertThat(report.operationsAcknowledged()).isGreaterThan(100);
    assertThat(report.filesChecked()).isPositive();
  }

  @Test
  void theSameSeedGivesTheSameSchedule() {
    assertThat(FaultSchedule.of(42, 600_000)).isEqualTo(FaultSchedule.of(42, 600_000))
        .isNotEqualTo(FaultSchedule.of(43, 600_000));
    assertThat(FaultSchedule.of(42, 600_000)).extracting(Fault::kind).contains(Fault.Kind.values());
  }
}
