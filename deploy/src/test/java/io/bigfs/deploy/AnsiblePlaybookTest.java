package io.bigfs.deploy;

import io.bigfs.deploy.ExternalCommand.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Ansible playbooks of deploy/ansible, run by their own scripts where ansible-playbook is on
 * the PATH (.ci/run installs it; elsewhere these tests are skipped, and say so): check.sh checks
 * the syntax, the lint and the documented settings; test-local.sh deploys the tarball just built
 * as a cluster on this machine, runs site.yml a second time, restarts every server under a
 * reader with rolling-restart.yml and stops them with stop.yml. -Dbfs.ansible.skip=true skips
 * them on purpose. test-local.sh takes a few minutes, too long for the default suite: it runs
 * with -Dbfs.ansible.deploy=true, and .ci/run runs the script itself after the suite.
 */
class AnsiblePlaybookTest {
  private static final Path ANSIBLE = Path.of(System.getProperty("bfs.ansible.dir"));
  private static final Path TARBALL = Path.of(System.getProperty("bfs.dist.tarball"));

  @BeforeAll
  static void needsAnsible() {
    String skipped = Boolean.getBoolean("bfs.ansible.skip") ? "-Dbfs.ansible.skip=true"
        : onPath("ansible-playbook") ? null : "ansible-playbook is not on the PATH (apt-get install ansible-core ansible-lint)";
    if (skipped != null) {
      System.out.println("AnsiblePlaybookTest: the playbooks are not tested: " + skipped);
    }
    assumeTrue(skipped == null, skipped);
  }

  @Test
  void playbooksPassTheSyntaxCheckAndTheLintAndDocumentEverySetting() throws Exception {
    Result check = ExternalCommand.run(new ProcessBuilder(ANSIBLE.resolve("check.sh").toString()),
        Duration.ofMinutes(5));
    assertThat(check.code()).as(check.tail(60)).isZero();
    assertThat(check.out()).contains("syntax of site.yml, rolling-restart.yml, stop.yml: ok");
  }

  @Test
  void playbooksDeployRestartUnderAReaderAndStopAClusterOnThisMachine() throws Exception {
    assumeTrue(Boolean.getBoolean("bfs.ansible.deploy"),
        "the deployment on this machine runs with -Dbfs.ansible.deploy=true (or deploy/ansible/test-local.sh)");
    ProcessBuilder pb = new ProcessBuilder(ANSIBLE.resolve("test-local.sh").toString(), TARBALL.toString());
    // The servers and the bfs commands of the playbooks run on the JDK running this test.
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("BFS_CLASSPATH");
    pb.environment().remove("BFS_MASTERS");
    Result deploy = ExternalCommand.run(pb, Duration.ofMinutes(15));
    assertThat(deploy.code()).as(deploy.tail(150)).isZero();
    // The script's own progress lines, with their timings, for the test report.
    deploy.out().lines().filter(l -> l.startsWith("[test-local")).forEach(System.out::println);
    assertThat(deploy.out()).contains("second site.yml run: nothing changed", "rolling restart: every server has a new pid",
        "stop.yml stopped all six servers");
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
