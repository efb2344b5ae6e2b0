package io.bigfs.shell.fs;

import io.bigfs.client.FileInfo;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.output.Formats;
import io.bigfs.shell.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code bfs du [-s] [-h] PATH...}: bytes under each entry of a directory (or under PATH itself
 * with -s), and the bytes stored once every replica is counted. Sizes are summed by walking the
 * tree from the client.
 */
@Command(name = "du", description = "Show space used: bytes, and bytes with all replicas.")
public final class DuCommand extends ClientCommand {
  @Option(names = "-s", description = "One total per PATH instead of one line per entry in it.")
  boolean summary;

  @Option(names = "-h", description = "Sizes as 1.5 GiB.")
  boolean human;

  @Parameters(paramLabel = "PATH", arity = "0..*")
  List<String> paths = new ArrayList<>();

  DuCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() {
    Table table = new Table(3).right(0, 1);
    int code = eachPath(paths.isEmpty() ? List.of(".") : paths, p -> {
      FileInfo top = client().stat(resolve(p));
      if (summary || !top.directory()) {
        add(table, top);
        return;
      }
      for (Iterator<FileInfo> it = client().listIterator(top.path()); it.hasNext(); ) {
        add(table, it.next());
      }
    });
    table.print(out());
    return code;
  }

  private void add(Table table, FileInfo top) throws IOException {
    long[] bytes = new long[2];
    TreeWalk.walk(client(), top, e -> {
      bytes[0] += e.length();
      bytes[1] += e.length() * e.replication();
    });
    table.row(Formats.size(bytes[0], human), Formats.size(bytes[1], human), top.path());
  }
}
