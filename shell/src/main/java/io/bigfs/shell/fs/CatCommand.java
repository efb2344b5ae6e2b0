package io.bigfs.shell.fs;

import io.bigfs.client.BfsInputStream;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code bfs cat [--no-cache] PATH...}: the files' bytes, one after the other, on stdout. */
@Command(name = "cat", description = "Print files.")
public final class CatCommand extends ClientCommand {
  @Mixin
  CacheFlag cache;

  @Parameters(paramLabel = "PATH", arity = "1..*")
  List<String> paths;

  CatCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() {
    // After a closed pipe each further file stops at its first buffer: no need to break out.
    return eachPath(paths, p -> {
      try (BfsInputStream in = client().open(resolve(p), cache.openOptions())) {
        Pipes.copy(in, out());
      }
    });
  }
}
