package io.bigfs.shell.interactive;

import io.bigfs.shell.Bfs;
import io.bigfs.shell.BfsTester;
import io.bigfs.testing.MiniCluster;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** bfs shell: lines typed in one session, with its working directory, history and completion. */
class ShellSessionTest {
  static MiniCluster cluster;
  static BfsTester bfs;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws IOException {
    // The shell only needs a namespace: one master and one chunkserver start fastest.
    cluster = MiniCluster.builder().masters(1).chunkservers(1).master("master.default.replication", 1).start();
    bfs = new BfsTester(cluster.masterAddresses(), dir);
  }

  @AfterAll
  static void stop() {
    bfs.close();
    cluster.close();
  }

  /** Types {@code lines} into a shell on a dumb terminal; returns what the commands printed. */
  private static BfsTester.Result type(Path history, String... lines) throws IOException {
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(input), new ByteArrayOutputStream())) {
      LineReader reader = Repl.reader(terminal, bfs.session(), history);
      return bfs.capture(() -> new Repl(bfs.session(), reader).run());
    }
  }

  @Test
  void commandsRunWithoutThePrefixAndCdMovesTheWorkingDirectory() throws IOException {
    Path history = dir.resolve("history");
    BfsTester.Result r = type(history, "mkdir -p /sh/sub", "cd /sh", "pwd", "mkdir other", "ls", "cd sub", "pwd",
        "cd ..", "cd /nope", "stat gone", "ls bfs://", "exit", "ls /");
    assertThat(r.out()).isEqualTo("/sh\nother\nsub\n/sh/sub\nother\nsub\n");
    assertThat(r.err()).isEqualTo("bfs: /nope: No such file or directory\nbfs: /sh/gone: No such file or directory\n");
    assertThat(bfs.session().cwd()).isEqualTo("/sh");
    assertThat(Files.readString(history)).contains("mkdir -p /sh/sub", "cd sub", "exit");
    bfs.session().cwd("/");
  }

  @Test
  void theShellEndsAtEndOfInputAndRefusesToNest() throws IOException {
    BfsTester.Result r = type(dir.resolve("h2"), "shell", "cd /", "pwd");
    assertThat(r.out()).isEqualTo("/\n");
    assertThat(r.err()).isEqualTo("bfs: already in the shell\n");
  }

  @Test
  void cdIntoAFileIsRefused() throws IOException {
    Files.writeString(dir.resolve("f.txt"), "x");
    bfs.ok("put", dir.resolve("f.txt").toString(), "/f.txt");
    BfsTester.Result r = type(dir.resolve("h3"), "cd /f.txt", "pwd");
    assertThat(r.err()).isEqualTo("bfs: /f.txt: Not a directory\n");
    assertThat(r.out()).isEqualTo("/\n");
  }

  @Test
  void completesCommandsSubcommandsAndRemotePaths() throws IOException {
    bfs.ok("mkdir", "-p", "/comp/docs", "/comp/data");
    Files.writeString(dir.resolve("d.txt"), "d");
    bfs.ok("put", dir.resolve("d.txt").toString(), "/comp/docs/d.txt");
    BfsCompleter completer = new BfsCompleter(bfs.session(), Bfs.commandLine(bfs.session()));

    assertThat(complete(completer, "ad")).contains("admin");
    assertThat(complete(completer, "c")).contains("cat", "cd", "chmod", "chown", "cp");
    assertThat(complete(completer, "admin n")).containsExactlyInAnyOrder("nodes", "masters", "decommission", "recommission", "rebalance", "top", "digest", "token");
    assertThat(complete(completer, "ls /comp/d")).containsExactly("/comp/data/", "/comp/docs/");
    assertThat(complete(completer, "cat /comp/docs/")).containsExactly("/comp/docs/d.txt");
    assertThat(complete(completer, "cp x bfs://comp/do")).containsExactly("bfs://comp/docs/");
    bfs.session().cwd("/comp");
    assertThat(complete(completer, "ls do")).containsExactly("docs/");
    bfs.session().cwd("/");
    assertThat(complete(completer, "ls /no-such-dir/x")).isEmpty();
  }

  private static List<String> complete(BfsCompleter completer, String line) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, new DefaultParser().parse(line, line.length()), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }
}
