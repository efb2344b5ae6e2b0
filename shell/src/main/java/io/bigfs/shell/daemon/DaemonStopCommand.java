package io.bigfs.shell.daemon;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code bfs daemon stop SERVER --conf FILE --pid-file FILE}: SIGTERM to the pid, SIGKILL after a grace period. */
@Command(name = "stop", description = "Stop the server (SIGTERM to its pid, SIGKILL after the grace period).")
final class DaemonStopCommand extends DaemonSubcommand {
  DaemonStopCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    stop(process());
    return OK;
  }
}
