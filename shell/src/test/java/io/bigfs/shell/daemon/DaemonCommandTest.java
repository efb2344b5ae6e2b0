package io.bigfs.shell.daemon;

import io.bigfs.shell.BfsTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bfs daemon} against a real chunkserver process: started once however often it is asked,
 * known by its pid file only while that pid is the chunkserver, stopped by its pid. The
 * chunkserver's masters do not exist; it keeps running and looking for them, which is all a
 * supervisor needs. The server runs this JVM's java and classpath, which hold the chunkserver
 * through bigfs-testing.
 */
class DaemonCommandTest {
  @TempDir
  Path dir;

  private BfsTester bfs;
  private Path conf;
  private Path pidFile;

  private BfsTester.Result daemon(String command, String server) {
    return bfs.run("daemon", command, server, "--conf", conf.toString(), "--pid-file", pidFile.toString(),
        "--java-opts=-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", "--grace", "10");
  }

  private void setUp(String confText) throws IOException {
    bfs = new BfsTester(null, dir);
    conf = dir.resolve("conf/chunkserver.properties");
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, confText);
    pidFile = dir.resolve("run/chunkserver.pid");
  }

  @AfterEach
  void stopWhateverRuns() {
    if (bfs != null && Files.exists(pidFile)) {
      daemon("stop", "chunkserver");
    }
  }

  @Test
  void startsOnceStopsByPidAndIsNotFooledByAReusedPid() throws IOException {
    setUp("chunkserver.data.dirs=" + dir.resolve("data") + "\nchunkserver.masters=127.0.0.1:1\n"
        + "chunkserver.port=0\nchunkserver.http.port=0\n");

    BfsTester.Result started = daemon("start", "chunkserver");
    assertThat(started.code()).as(started.toString()).isZero();
    assertThat(started.out()).matches("chunkserver: started \\(pid \\d+\\)\n");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    assertThat(Arrays.asList(server.info().arguments().orElseThrow()))
        .contains("-Dbfs.daemon.conf=" + conf.toAbsolutePath(), "io.bigfs.chunkserver.ChunkserverMain", "-Xmx128m");
    assertThat(Files.readString(dir.resolve("run/chunkserver.log"))).isNotNull();

    assertThat(daemon("start", "chunkserver").out()).isEqualTo("chunkserver: already running (pid " + pid + ")\n");
    assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(pid));
    BfsTester.Result status = daemon("status", "chunkserver");
    assertThat(status.code()).isZero();
    assertThat(status.out()).isEqualTo("chunkserver: running (pid " + pid + ")\n");

    BfsTester.Result stopped = daemon("stop", "chunkserver");
    assertThat(stopped.out()).isEqualTo("chunkserver: stopped (pid " + pid + ")\n");
    assertThat(server.isAlive()).isFalse();
    assertThat(pidFile).doesNotExist();
    assertThat(daemon("status", "chunkserver").code()).isEqualTo(DaemonSubcommand.NOT_RUNNING);
    BfsTester.Result again = daemon("stop", "chunkserver");
    assertThat(again.code()).isZero();
    assertThat(again.out()).isEqualTo("chunkserver: not running\n");

    // A live pid that is not the server (this JVM's) counts as not running, and is never signalled.
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    assertThat(daemon("status", "chunkserver").code()).isEqualTo(DaemonSubcommand.NOT_RUNNING);
    assertThat(daemon("stop", "chunkserver").out()).isEqualTo("chunkserver: not running\n");
    assertThat(pidFile).doesNotExist();

    BfsTester.Result restarted = daemon("restart", "chunkserver");
    assertThat(restarted.out()).matches("chunkserver: not running\nchunkserver: started \\(pid \\d+\\)\n");
    Optional<ProcessHandle> second = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
    assertThat(second).isPresent();
    assertThat(second.get().pid()).isNotEqualTo(pid);
  }

  @Test
  void aServerThatExitsAtStartFailsTheCommandWithItsLog() throws IOException {
    setUp("chunkserver.masters=127.0.0.1:1\n");

    BfsTester.Result r = daemon("start", "chunkserver");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("bfs: chunkserver exited at start; the end of " + dir.resolve("run/chunkserver.log"))
        .contains("chunkserver.data.dirs");
    assertThat(pidFile).doesNotExist();
  }

  @Test
  void aMissingConfigurationFileIsAnErrorAndStartsNothing() throws IOException {
    setUp("");
    Files.delete(conf);

    BfsTester.Result r = daemon("start", "chunkserver");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("bfs: " + conf + ": no such configuration file\n");
    assertThat(pidFile).doesNotExist();
  }
}
