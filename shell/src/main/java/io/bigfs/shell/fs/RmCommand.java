package io.bigfs.shell.fs;

import io.bigfs.common.BfsException;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * {@code bfs rm [-r] [-f] PATH...}. Without -r an empty directory goes too (the namespace
 * deletes it like a file), but a directory with entries is refused.
 */
@Command(name = "rm", description = "Remove files, and directories (with -r when they are not empty).")
public final class RmCommand extends ClientCommand {
  @Option(names = {"-r", "-R"}, description = "Remove directories and everything in them.")
  boolean recursive;

  @Option(names = "-f", description = "Say nothing about paths that do not exist.")
  boolean force;

  @Parameters(paramLabel = "PATH", arity = "1..*")
  List<String> paths;

  RmCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() {
    return eachPath(paths, p -> {
      String path = resolve(p);
      if (path.equals("/")) {
        throw BfsException.invalid("/: refusing to remove the root directory");
      }
      try {
        client().delete(path, recursive);
      } catch (NoSuchFileException e) {
        if (!force) {
          throw e;
        }
      }
    });
  }
}
