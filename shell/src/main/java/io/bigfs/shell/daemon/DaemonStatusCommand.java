package io.bigfs.shell.daemon;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.Optional;

/** {@code bfs daemon status SERVER ...}: exit code 0 if the server runs, 3 if not (as LSB init scripts). */
@Command(name = "status", description = "Say whether the server runs: exit code 0 if it does, 3 if not.")
final class DaemonStatusCommand extends DaemonSubcommand {
  DaemonStatusCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    Optional<ProcessHandle> running = process().running();
    if (running.isEmpty()) {
      out().println(server.name() + ": not running");
      return NOT_RUNNING;
    }
    out().println(server.name() + ": running (pid " + running.get().pid() + ")");
    return OK;
  }
}
