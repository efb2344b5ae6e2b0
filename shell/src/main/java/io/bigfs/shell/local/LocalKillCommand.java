package io.bigfs.shell.local;

import io.bigfs.common.BfsException;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code bfs local kill NODE}: SIGKILL one node, as a crash would, to watch the cluster fail over. */
@Command(name = "kill", description = "Kill one node (SIGKILL), e.g. m2 or cs1, to watch failover.")
final class LocalKillCommand extends NodeCommand {
  LocalKillCommand(Session session) {
    super(session);
  }

  @Override
  int run(LocalCluster cluster, LocalNode n, NodeProcesses processes) throws IOException {
    long pid = processes.running(n).map(ProcessHandle::pid).orElse(-1L);
    if (!processes.kill(n)) {
      throw BfsException.invalid(n.name() + " is not running");
    }
    out().println(n.name() + ": killed (pid " + pid + ")");
    return OK;
  }
}
