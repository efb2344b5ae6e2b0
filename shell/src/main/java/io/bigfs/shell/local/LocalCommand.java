package io.bigfs.shell.local;

import io.bigfs.shell.CommandGroup;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

/** {@code bfs local start|status|stop|kill|restart}: a whole cluster on this machine. */
@Command(name = "local", description = "Run a cluster of separate processes on 127.0.0.1 (data in .bfs-local).",
    subcommands = {LocalStartCommand.class, LocalStatusCommand.class, LocalStopCommand.class,
        LocalKillCommand.class, LocalRestartCommand.class})
public final class LocalCommand extends CommandGroup {
  LocalCommand(Session session) {
    super(session);
  }
}
