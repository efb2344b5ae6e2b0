package io.bigfs.shell.daemon;

import io.bigfs.shell.CommandGroup;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

/** {@code bfs daemon start|stop|restart|status}: one server of this host, supervised by its pid file. */
@Command(name = "daemon", description = {"Run one master or chunkserver in the background with a pid file and a log",
    "(for hosts without systemd). It is stopped by its pid, never by name."},
    subcommands = {DaemonStartCommand.class, DaemonStopCommand.class, DaemonRestartCommand.class,
        DaemonStatusCommand.class})
public final class DaemonCommand extends CommandGroup {
  DaemonCommand(Session session) {
    super(session);
  }
}
