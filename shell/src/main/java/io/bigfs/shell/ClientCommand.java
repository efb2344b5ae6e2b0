package io.bigfs.shell;

import io.bigfs.client.BfsClient;
import io.bigfs.common.BfsException;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.List;

/**
 * A subcommand that talks to the cluster: the session's client, paths resolved against the
 * working directory, and a way to report a failure per path and carry on, as rm and mkdir do
 * with several paths.
 */
public abstract class ClientCommand extends BfsSubcommand {
  protected ClientCommand(Session session) {
    super(session);
  }

  @Mixin
  GlobalOptions.Masters masters;

  protected BfsClient client() throws BfsException {
    return session.client();
  }

  protected String resolve(String path) {
    return session.resolve(path);
  }

  /** Something done to one path that may fail on its own. */
  @FunctionalInterface
  protected interface PathAction {
    void apply(String path) throws IOException;
  }

  /** Applies {@code action} to each path; a failure is reported and the rest still run. */
  protected int eachPath(List<String> paths, PathAction action) {
    int code = OK;
    for (String path : paths) {
      try {
        action.apply(path);
      } catch (IOException | RuntimeException e) {
        report(e);
        code = FAILED;
      }
    }
    return code;
  }
}
