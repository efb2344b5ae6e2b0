package io.bigfs.shell;

import picocli.CommandLine.Option;

/**
 * --masters, --user and --debug, accepted before the subcommand ({@code bfs --debug ls}) and after it
 * ({@code bfs ls --debug}); both land in the session. Mixed into commands, built with the session.
 */
public final class GlobalOptions {
  /** --debug alone, for commands that need no cluster (bfs local ...). */
  public static final class Debug {
    private final Session session;

    Debug(Session session) {
      this.session = session;
    }

    @Option(names = "--debug", description = "Print stack traces of errors.")
    void debug(boolean value) {
      if (value) {
        session.debug(true);
      }
    }
  }

  /** --masters and --user, for commands that talk to the cluster. */
  public static final class Masters {
    private final Session session;

    Masters(Session session) {
      this.session = session;
    }

    @Option(names = "--masters", paramLabel = "HOST:PORT,...",
        description = "The masters' addresses (default: BFS_MASTERS, then the local cluster's).")
    void masters(String value) {
      if (value != null) {
        session.masters(value);
      }
    }

    @Option(names = "--user", paramLabel = "NAME",
        description = "Act as this user (default: BFS_USER, then the login name).")
    void user(String value) {
      if (value != null) {
        session.user(value);
      }
    }
  }

  private GlobalOptions() {}
}
