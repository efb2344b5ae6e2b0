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

/** {@code bfs stat [--json] PATH}: everything the namespace knows about one entry. */
@Command(name = "stat", description = "Show what the namespace knows about a file or directory.")
public final class StatCommand extends ClientCommand {
  @Option(names = "--json", description = "One JSON document with the same fields as ls --json.")
  boolean json;

  @Parameters(paramLabel = "PATH")
  String path;

  StatCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    FileInfo f = client().stat(resolve(path));
    if (json) {
      Json.print(out(), w -> Json.file(w, f));
      return OK;
    }
    Table table = new Table(2)
        .row("Path:", f.path())
        .row("Type:", f.directory() ? "directory" : "file");
    if (f.directory()) {
      table.row("Entries:", f.children());
    } else {
      table.row("Size:", f.length() + " bytes (" + Formats.size(f.length(), true) + ")")
          .row("Replication:", f.replication())
          .row("Chunk size:", Formats.size(f.chunkSize(), true))
          .row("Chunks:", f.chunkCount());
    }
    table.row("Permissions:", Formats.octal(f.mode()) + " (" + Formats.permissions(f.directory(), f.mode()) + ")")
        .row("Owner:", f.owner())
        .row("Group:", f.group())
        .row("Modified:", Formats.timeSeconds(f.modifiedMs()))
        .row("Accessed:", Formats.timeSeconds(f.accessedMs()));
    if (f.underConstruction()) {
      table.row("Open for writing:", "yes");
    }
    table.row("Inode:", f.inodeId()).print(out());
    return OK;
  }
}
