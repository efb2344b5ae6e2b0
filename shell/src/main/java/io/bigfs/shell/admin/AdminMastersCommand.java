package io.bigfs.shell.admin;

import io.bigfs.client.MasterReport;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.output.Json;
import io.bigfs.shell.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;

/** {@code bfs admin masters [--json]}: each master's own view of the Raft group. */
@Command(name = "masters", description = "List the masters: role, term, applied index, leader.")
public final class AdminMastersCommand extends ClientCommand {
  @Option(names = "--json", description = "One JSON document: {\"masters\": [...]}.")
  boolean json;

  AdminMastersCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    List<MasterReport> masters = client().masters();
    if (json) {
      Json.print(out(), w -> {
        w.beginObject().name("masters").beginArray();
        for (MasterReport m : masters) {
          w.beginObject()
              .name("id").value(m.id())
              .name("address").value(m.address())
              .name("reachable").value(m.reachable())
              .name("role").value(m.role())
              .name("term").value(m.term())
              .name("commitIndex").value(m.commitIndex())
              .name("appliedIndex").value(m.appliedIndex())
              .name("snapshotIndex").value(m.snapshotIndex())
              .name("leader").value(m.leaderId())
              .name("error").value(m.error())
              .endObject();
        }
        w.endArray().endObject();
      });
      return OK;
    }
    Table table = new Table(7).right(3, 4, 5).row("ID", "ADDRESS", "ROLE", "TERM", "APPLIED", "SNAPSHOT", "LEADER");
    for (MasterReport m : masters) {
      if (m.reachable()) {
        table.row(m.id(), m.address(), m.role(), m.term(), m.appliedIndex(), m.snapshotIndex(),
            m.leaderId().isEmpty() ? "-" : m.leaderId());
      } else {
        table.row("?", m.address(), m.role(), "-", "-", "-", "-");
      }
    }
    table.print(out());
    return OK;
  }
}
