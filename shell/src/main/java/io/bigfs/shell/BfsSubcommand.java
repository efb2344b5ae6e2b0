package io.bigfs.shell;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * What every subcommand has: the session it runs in, --help and --debug. A subcommand only
 * implements {@link #run()}; an exception it lets out becomes one line on stderr and exit code
 * 1 (see {@link Bfs}).
 */
public abstract class BfsSubcommand implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILED = 1;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  protected final Session session;

  protected BfsSubcommand(Session session) {
    this.session = session;
  }

  @Mixin
  GlobalOptions.Debug debug;

  /** Does the command's work; returns the exit code. */
  protected abstract int run() throws IOException;

  @Override
  public final Integer call() throws IOException {
    return run();
  }

  protected PrintStream out() {
    return session.out();
  }

  /** Prints the one-line error (and the stack trace with --debug). */
  protected void report(Throwable e) {
    Bfs.report(session, e);
  }
}
