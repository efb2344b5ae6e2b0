package io.bigfs.it.monitoring;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules of monitoring/prometheus: each one complete, together covering what an
 * operator must hear about, each exercised by the unit tests in alerts-test.yml. Prometheus'
 * own promtool checks the rules, runs those tests and checks both scrape configurations when it
 * is installed (Debian package prometheus; .ci/run installs it); without it, the checks here
 * that read the files still run.
 */
class AlertRulesTest {
  static final Set<String> SEVERITIES = Set.of("critical", "warning");

  @Test
  void everyRuleSaysHowBadItIsAndWhatToDo() throws IOException {
    List<AlertRule> rules = AlertRule.load(MonitoringFiles.ALERTS);
    assertThat(rules).extracting(AlertRule::name).doesNotHaveDuplicates();
    for (AlertRule r : rules) {
      assertThat(r.expr()).as(r.name() + " expr").isNotBlank().isNotEqualTo("null");
      assertThat(r.labels().get("severity")).as(r.name() + " severity").isIn(SEVERITIES);
      assertThat(r.annotations().get("summary")).as(r.name() + " summary").asString().isNotBlank();
      assertThat(r.annotations().get("description")).as(r.name() + " description").asString().isNotBlank();
    }
  }

  @Test
  void theRulesCoverNoLeaderDeadNodesChunkHealthFullDisksAndChecksumFailures() throws IOException {
    assertThat(AlertRule.load(MonitoringFiles.ALERTS)).extracting(AlertRule::name).contains(
        "BigfsNoLeader", "BigfsChunkserverDead", "BigfsChunksUnderReplicated", "BigfsChunksMissing",
        "BigfsDiskAlmostFull", "BigfsWriteChecksumFailures", "BigfsScrubChecksumFailures",
        "BigfsCorruptReplicasReported");
  }

  @Test
  void everyAlertHasAUnitTest() throws IOException {
    Map<String, Object> tests = AlertRule.yaml(MonitoringFiles.ALERT_TESTS);
    assertThat(AlertRule.list(tests.get("rule_files"))).asList().containsExactly("alerts.yml");
    Set<String> tested = new TreeSet<>();
    for (Map<String, Object> test : AlertRule.list(tests.get("tests"))) {
      AlertRule.list(test.get("alert_rule_test")).forEach(t -> tested.add(String.valueOf(t.get("alertname"))));
    }
    assertThat(tested).containsAll(AlertRule.load(MonitoringFiles.ALERTS).stream().map(AlertRule::name).toList());
  }

  @Test
  void promtoolAcceptsTheRulesTheirTestsAndTheScrapeConfigurations() throws Exception {
    Optional<Path> promtool = onPath("promtool");
    assumeTrue(promtool.isPresent(), "promtool is not installed (Debian package prometheus)");
    promtool(promtool.get(), "check", "rules", "alerts.yml");
    promtool(promtool.get(), "test", "rules", "alerts-test.yml");
    // The targets files they name need not exist: promtool only warns.
    promtool(promtool.get(), "check", "config", "prometheus.yml");
    promtool(promtool.get(), "check", "config", "prometheus-local.yml");
  }

  static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Runs promtool in monitoring/prometheus, where the files name each other by relative paths. */
  static void promtool(Path promtool, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("promtool", ".out");
    try {
      Process p = new ProcessBuilder(command).directory(MonitoringFiles.PROMETHEUS.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
      }
      assertThat(p.exitValue()).as(String.join(" ", args) + ":\n" + Files.readString(output, StandardCharsets.UTF_8))
          .isZero();
    } finally {
      Files.delete(output);
    }
  }
}
