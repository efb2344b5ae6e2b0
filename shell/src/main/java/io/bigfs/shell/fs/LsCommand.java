package io.bigfs.shell.fs;

import io.bigfs.client.FileInfo;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.output.Formats;
import io.bigfs.shell.output.Json;
import io.bigfs.shell.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@code bfs ls [-l] [-R] [-h] [--json] [PATH...]}: names in a directory, or details with -l. */
@Command(name = "ls", description = "List directories (the working directory by default), or show files.")
public final class LsCommand extends ClientCommand {
  @Option(names = "-l", description = "Long format: permissions, replication, owner, group, size, time.")
  boolean longFormat;

  @Option(names = "-R", description = "List subdirectories too.")
  boolean recursive;

  @Option(names = "-h", description = "Sizes as 1.5 GiB (with -l).")
  boolean human;

  @Option(names = "--json", description = "One JSON document: {\"entries\": [...]}, with full paths.")
  boolean json;

  @Parameters(paramLabel = "PATH", arity = "0..*")
  List<String> paths = new ArrayList<>();

  private boolean printedSection;

  LsCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    List<String> args = paths.isEmpty() ? List.of(".") : paths;
    if (json) {
      return printJson(args);
    }
    boolean headers = args.size() > 1 || recursive;
    return eachPath(args, arg -> {
      FileInfo f = client().stat(resolve(arg));
      if (f.directory()) {
        listDirectory(f.path(), headers);
      } else {
        printRows(List.of(f), arg);
      }
    });
  }

  private void listDirectory(String dir, boolean header) throws IOException {
    if (header) {
      out().print(printedSection ? "\n" + dir + ":\n" : dir + ":\n");
    }
    printedSection = true;
    // Names stream out page by page; -l must see every row first to size its columns.
    List<FileInfo> rows = new ArrayList<>();
    List<String> subdirectories = new ArrayList<>();
    for (Iterator<FileInfo> it = client().listIterator(dir); it.hasNext(); ) {
      FileInfo entry = it.next();
      if (longFormat) {
        rows.add(entry);
      } else {
        out().println(entry.name());
      }
      if (recursive && entry.directory()) {
        subdirectories.add(entry.path());
      }
    }
    printRows(rows, null);
    for (String sub : subdirectories) {
      listDirectory(sub, true);
    }
  }

  /** Prints entries by name, or {@code label} for a single file named on the command line. */
  private void printRows(List<FileInfo> entries, String label) {
    if (!longFormat) {
      entries.forEach(e -> out().println(label != null ? label : e.name()));
      return;
    }
    Table table = new Table(7).right(1, 4);
    for (FileInfo e : entries) {
      table.row(Formats.permissions(e.directory(), e.mode()), e.directory() ? "-" : e.replication(), e.owner(),
          e.group(), Formats.size(e.length(), human), Formats.time(e.modifiedMs()), label != null ? label : e.name());
    }
    table.print(out());
  }

  private int printJson(List<String> args) throws IOException {
    List<FileInfo> found = new ArrayList<>();
    int code = eachPath(args, arg -> {
      FileInfo f = client().stat(resolve(arg));
      if (!f.directory()) {
        found.add(f);
      } else if (recursive) {
        TreeWalk.walk(client(), f, e -> {
          if (e != f) {
            found.add(e);
          }
        });
      } else {
        client().listIterator(f.path()).forEachRemaining(found::add);
      }
    });
    Json.print(out(), json -> {
      json.beginObject().name("entries").beginArray();
      for (FileInfo f : found) {
        Json.file(json, f);
      }
      json.endArray().endObject();
    });
    return code;
  }
}
