package io.bigfs.shell;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.util.concurrent.Callable;

/** A command that only groups subcommands ({@code bfs admin}, {@code bfs local}): alone, it shows them. */
public abstract class CommandGroup implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  private final Session session;

  protected CommandGroup(Session session) {
    this.session = session;
  }

  /** The group alone: its usage, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(session.err());
    return CommandLine.ExitCode.USAGE;
  }
}
