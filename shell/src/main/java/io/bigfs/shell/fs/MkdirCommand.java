package io.bigfs.shell.fs;

import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code bfs mkdir [-p] PATH...}. */
@Command(name = "mkdir", description = "Make directories.")
public final class MkdirCommand extends ClientCommand {
  @Option(names = "-p", description = "Make missing parents too; an existing directory is no error.")
  boolean parents;

  @Parameters(paramLabel = "PATH", arity = "1..*")
  List<String> paths;

  MkdirCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() {
    return eachPath(paths, p -> {
      if (parents) {
        client().mkdirs(resolve(p));
      } else {
        client().mkdir(resolve(p));
      }
    });
  }
}
