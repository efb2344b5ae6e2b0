package io.bigfs.shell.interactive;

import io.bigfs.client.FileInfo;
import io.bigfs.shell.Bfs;
import io.bigfs.shell.Session;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;

/**
 * The read-eval-print loop of {@code bfs shell}. Each line runs as a {@code bfs} command line in
 * the same session (one client, one working directory); cd, pwd, exit and quit are the shell's
 * own. A failing command prints its error and the session goes on.
 */
public final class Repl {
  /** Words the shell handles itself, for completion and help. */
  static final List<String> BUILTINS = List.of("cd", "pwd", "exit", "quit");

  private final Session session;
  private final LineReader reader;

  public Repl(Session session, LineReader reader) {
    this.session = session;
    this.reader = reader;
  }

  /** A line reader with completion of commands and paths, and history kept in {@code historyFile}. */
  public static LineReader reader(Terminal terminal, Session session, Path historyFile) {
    return LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("bfs")
        .completer(new BfsCompleter(session, Bfs.commandLine(session)))
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
        .build();
  }

  /** Reads and runs lines until exit, quit or end of input; returns 0. */
  public int run() {
    session.interactive(true);
    try {
      while (true) {
        List<String> words;
        try {
          reader.readLine("bfs:" + session.cwd() + "> ");
          words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
        } catch (UserInterruptException e) {
          continue; // Ctrl-C drops the line being typed, as in bash
        } catch (EndOfFileException e) {
          break;
        }
        if (words.isEmpty()) {
          continue;
        }
        if (words.get(0).equals("exit") || words.get(0).equals("quit")) {
          break;
        }
        execute(words);
      }
    } finally {
      session.interactive(false);
      saveHistory();
    }
    return 0;
  }

  private void execute(List<String> words) {
    switch (words.get(0)) {
      case "cd" -> changeDirectory(words.size() > 1 ? words.get(1) : "/");
      case "pwd" -> session.out().println(session.cwd());
      case "help" -> {
        Bfs.run(session, words.toArray(String[]::new));
        if (words.size() == 1) {
          session.out().println("In the shell also: cd [PATH], pwd, exit (or quit, or Ctrl-D).");
        }
      }
      default -> Bfs.run(session, words.toArray(String[]::new));
    }
    session.out().flush();
  }

  private void changeDirectory(String path) {
    try {
      String target = session.resolve(path);
      FileInfo f = session.client().stat(target);
      if (!f.directory()) {
        throw new NotDirectoryException(target);
      }
      session.cwd(target);
    } catch (IOException | RuntimeException e) {
      Bfs.report(session, e);
    }
  }

  private void saveHistory() {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      session.err().println("bfs: cannot save the history: " + e.getMessage());
    }
  }
}
