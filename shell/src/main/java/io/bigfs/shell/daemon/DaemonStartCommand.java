package io.bigfs.shell.daemon;

import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

import java.io.IOException;

/**
 * {@code bfs daemon start SERVER --conf FILE --pid-file FILE}: starts the server unless it is
 * already running, so running it twice never starts two.
 */
@Command(name = "start", description = "Start the server in the background unless it already runs.")
final class DaemonStartCommand extends DaemonSubcommand {
  DaemonStartCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    return start(process());
  }
}
