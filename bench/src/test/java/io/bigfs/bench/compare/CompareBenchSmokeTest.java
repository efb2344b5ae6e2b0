package io.bigfs.bench.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every workload of the comparison, tiny, on both systems: the benchmark keeps working. */
class CompareBenchSmokeTest {
  @Test
  void everyWorkloadRunsOnBothSystemsAndTheReportHasEveryRow(@TempDir Path dir) throws Exception {
    CompareBench.Options o = CompareBench.Options.parse(new String[] {
        "--size", "2m", "--cold-reads", "false", "--ops", "32", "--small-files", "32", "--files", "320", "--kills", "2",
        "--warm-up-round", "0.05", "--warm-up-max-rounds", "1",
        "--dir", dir.resolve("work").toString(), "--out", dir.resolve("RESULTS.md").toString()});
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Results results = CompareBench.run(o, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(results.rows()).extracting(Results.Row::workload).containsAll(Workload.ORDER);
    assertThat(log.toString(StandardCharsets.UTF_8)).as("every kind warmed up on both systems")
        .containsPattern("BigFS: warmed up \\(not measured\\): \\[mkdir .*, create .*, stat .*, list .*, rename .*, delete .*]")
        .containsPattern("HDFS: warmed up \\(not measured\\): \\[mkdir .*, delete .*]")
        .as("a second kill after the first master rejoined").containsPattern("BigFS: leader failover, 2 kills: \\d+, \\d+ ms");
    for (Results.Row row : results.rows()) {
      assertThat(row.bigfs()).as("BigFS: " + row.workload()).isFinite();
      if (row.workload().equals(Workload.FAILOVER)) {
        assertThat(row.hdfs()).as("one NameNode: no failover").isNaN();
      } else if (row.workload().startsWith("replica map")) {
        assertThat(row.hdfs()).as("a BigFS structure").isNaN();
        assertThat(row.bigfs()).isBetween(1.0, row.limit());
      } else {
        assertThat(row.hdfs()).as("HDFS: " + row.workload()).isFinite();
      }
      if (row.higherIsBetter()) {
        assertThat(row.bigfs()).as("BigFS: " + row.workload()).isPositive();
        assertThat(row.hdfs()).as("HDFS: " + row.workload()).isPositive();
      }
    }
    assertThat(results.rows().stream().filter(r -> r.workload().startsWith("sequential write")))
        .allSatisfy(r -> assertThat(r.limit()).isPositive());

    String report = CompareBench.report(o, results);
    assertThat(report).contains("| workload | unit | BigFS | HDFS | BigFS/HDFS |", "Machine: ", "HDFS 3.4.2",
        "bench/run compare --size 2m");
    assertThat(Files.exists(dir.resolve("work/bigfs"))).as("each system's data is deleted after it ran").isFalse();
  }

  @Test
  void aRunOfOneSystemDoesNotOverwriteTheSideBySideTable() {
    assertThat(CompareBench.Options.parse(new String[] {"--size", "1m"}).out()).isEqualTo(Path.of("bench/RESULTS.md"));
    assertThat(CompareBench.Options.parse(new String[] {"--only", "bigfs"}).out())
        .isEqualTo(Path.of("bench/target/compare-bigfs.md"));
    assertThat(CompareBench.Options.parse(new String[] {"--only", "hdfs", "--out", "x.md"}).out())
        .isEqualTo(Path.of("x.md"));
  }
}
