package io.bigfs.shell;

import io.bigfs.shell.admin.AdminCommand;
import io.bigfs.shell.admin.DfCommand;
import io.bigfs.shell.admin.FsckCommand;
import io.bigfs.shell.cache.CacheCommand;
import io.bigfs.shell.daemon.DaemonCommand;
import io.bigfs.shell.fs.CatCommand;
import io.bigfs.shell.fs.ChmodCommand;
import io.bigfs.shell.fs.ChownCommand;
import io.bigfs.shell.fs.CpCommand;
import io.bigfs.shell.fs.DuCommand;
import io.bigfs.shell.fs.GetCommand;
import io.bigfs.shell.fs.LsCommand;
import io.bigfs.shell.fs.MkdirCommand;
import io.bigfs.shell.fs.MvCommand;
import io.bigfs.shell.fs.PutCommand;
import io.bigfs.shell.fs.RmCommand;
import io.bigfs.shell.fs.SetrepCommand;
import io.bigfs.shell.fs.StatCommand;
import io.bigfs.shell.fs.TailCommand;
import io.bigfs.shell.interactive.ShellCommand;
import io.bigfs.shell.local.LocalCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code bfs} command: global options, the list of subcommands, and how a command line
 * runs in a {@link Session} (exit 0 on success, 1 when the command failed, 2 for a usage
 * error). The interactive shell runs each line it reads through {@link #run} too.
 */
@Command(name = "bfs", sortOptions = false, usageHelpAutoWidth = true,
    description = "The BigFS command line. Paths are absolute or relative to /; bfs:// marks a BigFS path "
        + "where a command also takes local ones (cp).",
    subcommands = {LsCommand.class, MkdirCommand.class, PutCommand.class, GetCommand.class, CpCommand.class,
        CatCommand.class, TailCommand.class, RmCommand.class, MvCommand.class, StatCommand.class,
        ChmodCommand.class, ChownCommand.class, SetrepCommand.class, DuCommand.class, DfCommand.class,
        FsckCommand.class, AdminCommand.class, CacheCommand.class, ShellCommand.class, LocalCommand.class, DaemonCommand.class,
        HelpCommand.class},
    footer = {"", "Masters are found from --masters, else BFS_MASTERS, else the masters file of the local "
        + "cluster (BFS_LOCAL_DIR, default ./.bfs-local). Commands act as --user, else BFS_USER, else the "
        + "login name; new files and directories lose the bits of BFS_UMASK (default 022)."})
public final class Bfs implements Callable<Integer> {
  private final Session session;

  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  Bfs(Session session) {
    this.session = session;
  }

  @Mixin
  GlobalOptions.Masters masters;

  @Mixin
  GlobalOptions.Debug debug;

  /** {@code bfs} alone: the usage, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(session.err());
    return CommandLine.ExitCode.USAGE;
  }

  /**
   * Runs one command line; returns its exit code. --masters, --user and --debug hold for this command
   * line only: in the interactive shell, the next line is back to the session's settings.
   */
  public static int run(Session session, String... args) {
    String masters = session.mastersOption();
    String user = session.userOption();
    boolean debug = session.debug();
    try {
      return commandLine(session).execute(args);
    } finally {
      session.masters(masters);
      session.user(user);
      session.debug(debug);
    }
  }

  /** The command tree bound to {@code session}: every command is built with it. */
  public static CommandLine commandLine(Session session) {
    CommandLine cmd = new CommandLine(Bfs.class, new SessionFactory(session));
    cmd.setOut(new PrintWriter(session.out(), true, StandardCharsets.UTF_8));
    cmd.setErr(new PrintWriter(session.err(), true, StandardCharsets.UTF_8));
    cmd.setExecutionExceptionHandler((e, command, parseResult) -> {
      report(session, e);
      return BfsSubcommand.FAILED;
    });
    return cmd;
  }

  /** Prints the one-line error for {@code e}, and its stack trace with --debug. */
  public static void report(Session session, Throwable e) {
    session.err().println(Errors.line(e));
    if (session.debug()) {
      e.printStackTrace(session.err());
    }
    session.err().flush();
  }

  /** Builds commands (and their mixins) with the session when they take one. */
  private record SessionFactory(Session session) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> constructor = type.getDeclaredConstructor(Session.class);
        constructor.setAccessible(true);
        return constructor.newInstance(session);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
