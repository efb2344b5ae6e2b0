package io.bigfs.shell.interactive;

import io.bigfs.common.BfsException;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;

/** {@code bfs shell}: the commands without the {@code bfs} prefix, one client for the whole session. */
@Command(name = "shell", description = "An interactive session: history, completion, cd and pwd; exit with 'exit' or Ctrl-D.")
public final class ShellCommand extends ClientCommand {
  /** Where the history is kept, instead of ~/.bfs_history. */
  public static final String ENV_HISTORY = "BFS_HISTORY";

  ShellCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    if (session.interactive()) {
      throw BfsException.invalid("already in the shell");
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      return new Repl(session, Repl.reader(terminal, session, historyFile())).run();
    }
  }

  private Path historyFile() {
    String file = session.env().get(ENV_HISTORY);
    return file != null ? Path.of(file) : Path.of(System.getProperty("user.home"), ".bfs_history");
  }
}
