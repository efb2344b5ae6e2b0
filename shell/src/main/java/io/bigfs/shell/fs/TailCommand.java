package io.bigfs.shell.fs;

import io.bigfs.client.BfsInputStream;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.SizeConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** {@code bfs tail [-c N] [--no-cache] PATH}: the last bytes of a file, read from where they are. */
@Command(name = "tail", description = "Print the end of a file.")
public final class TailCommand extends ClientCommand {
  @Option(names = "-c", paramLabel = "N", defaultValue = "1k", converter = SizeConverter.class,
      description = "How many bytes (k, m, g suffixes allowed; default ${DEFAULT-VALUE}).")
  long bytes;

  @Mixin
  CacheFlag cache;

  @Parameters(paramLabel = "PATH")
  String path;

  TailCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    try (BfsInputStream in = client().open(resolve(path), cache.openOptions())) {
      in.seek(Math.max(0, in.length() - bytes));
      Pipes.copy(in, out());
    }
    return OK;
  }
}
