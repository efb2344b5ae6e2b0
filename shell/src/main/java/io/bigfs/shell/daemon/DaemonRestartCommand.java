package io.bigfs.shell.daemon;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code bfs daemon restart SERVER ...}: stop it if it runs, then start it. */
@Command(name = "restart", description = "Stop the server if it runs, then start it.")
final class DaemonRestartCommand extends DaemonSubcommand {
  DaemonRestartCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    ServerProcess process = process();
    stop(process);
    return start(process);
  }
}
