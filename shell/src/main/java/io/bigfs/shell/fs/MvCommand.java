package io.bigfs.shell.fs;

import io.bigfs.client.FileInfo;
import io.bigfs.common.BfsPaths;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

/** {@code bfs mv [-f] SRC... DST}: renames, or moves into DST when it is a directory. */
@Command(name = "mv", description = "Move or rename; into DST when DST is an existing directory.")
public final class MvCommand extends ClientCommand {
  @Option(names = "-f", description = "Replace an existing file (or empty directory) at the target.")
  boolean force;

  @Parameters(paramLabel = "SRC", arity = "2..*", description = "Sources, then the destination.")
  List<String> args;

  MvCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    String target = resolve(args.get(args.size() - 1));
    List<String> sources = args.subList(0, args.size() - 1);
    boolean intoDirectory = isDirectory(target);
    if (!intoDirectory && sources.size() > 1) {
      throw new NotDirectoryException(target);
    }
    return eachPath(sources, s -> {
      String source = resolve(s);
      String to = intoDirectory ? BfsPaths.child(target, BfsPaths.name(source)) : target;
      client().rename(source, to, force);
    });
  }

  private boolean isDirectory(String path) throws IOException {
    try {
      FileInfo f = client().stat(path);
      return f.directory();
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
