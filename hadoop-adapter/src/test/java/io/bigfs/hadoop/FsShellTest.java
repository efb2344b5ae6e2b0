package io.bigfs.hadoop;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FsShell;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hadoop's own {@code hadoop fs} shell, run in-process against the MiniCluster through the
 * adapter, with the cluster named in the configuration (bfs://mini/) as a user would set it up.
 */
class FsShellTest {
  record Run(int exitCode, String out, String err) {}

  static Run fs(String... args) throws Exception {
    Configuration conf = SharedCluster.conf();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    // FsShell's commands print to System.out and System.err; borrow them for the run.
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = ToolRunner.run(conf, new FsShell(conf), args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  @Test
  void mkdirPutLsCatRm(@TempDir Path local) throws Exception {
    Path hello = Files.writeString(local.resolve("hello.txt"), "hello from hadoop fs\n");

    assertThat(fs("-mkdir", "-p", "bfs://mini/shell/docs").exitCode()).isZero();
    assertThat(fs("-put", hello.toString(), "bfs://mini/shell/docs/").exitCode()).isZero();

    Run ls = fs("-ls", "bfs://mini/shell/docs");
    assertThat(ls.exitCode()).isZero();
    assertThat(ls.out()).contains("Found 1 items").containsPattern(
        "-rw-r--r-- +3 \\S+ +\\S+ +21 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d bfs://mini/shell/docs/hello.txt");

    Run cat = fs("-cat", "bfs://mini/shell/docs/hello.txt");
    assertThat(cat.exitCode()).isZero();
    assertThat(cat.out()).isEqualTo("hello from hadoop fs\n");

    Run rm = fs("-rm", "-r", "bfs://mini/shell");
    assertThat(rm.exitCode()).isZero();
    assertThat(rm.out()).contains("Deleted bfs://mini/shell");

    Run gone = fs("-ls", "bfs://mini/shell");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("bfs://mini/shell': No such file or directory");
  }
}
