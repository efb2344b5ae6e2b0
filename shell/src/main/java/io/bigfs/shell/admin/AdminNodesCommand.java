package io.bigfs.shell.admin;

import io.bigfs.client.NodeReport;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.output.Formats;
import io.bigfs.shell.output.Json;
import io.bigfs.shell.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;

/** {@code bfs admin nodes [--json]}: the chunkservers as the leader master sees them. */
@Command(name = "nodes", description = "List the chunkservers: state, capacity, use, chunks, last heartbeat.")
public final class AdminNodesCommand extends ClientCommand {
  @Option(names = "--json", description = "One JSON document: {\"nodes\": [...]}, sizes in bytes.")
  boolean json;

  AdminNodesCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    List<NodeReport> nodes = client().nodes();
    long now = System.currentTimeMillis();
    if (json) {
      Json.print(out(), w -> {
        w.beginObject().name("nodes").beginArray();
        for (NodeReport n : nodes) {
          w.beginObject()
              .name("id").value(n.nodeId())
              .name("uuid").value(n.uuid())
              .name("address").value(n.address())
              .name("rack").value(n.rack())
              .name("state").value(n.state())
              .name("capacityBytes").value(n.capacityBytes())
              .name("usedBytes").value(n.usedBytes())
              .name("storedBytes").value(n.storedBytes())
              .name("chunks").value(n.chunkCount())
              .name("lastHeartbeatMs").value(n.lastHeartbeatMs())
              .name("activeTransfers").value(n.activeTransfers())
              .name("acceptingWrites").value(n.acceptingWrites())
              .endObject();
        }
        w.endArray().endObject();
      });
      return OK;
    }
    Table table = new Table(8).right(0, 3, 4, 5, 6).row("ID", "ADDRESS", "STATE", "CAPACITY", "USED", "STORED",
        "CHUNKS", "LAST HEARTBEAT");
    for (NodeReport n : nodes) {
      table.row(n.nodeId(), n.address(), n.state(), Formats.size(n.capacityBytes(), true),
          Formats.size(n.usedBytes(), true), Formats.size(n.storedBytes(), true), n.chunkCount(),
          Formats.age(n.lastHeartbeatMs(), now));
    }
    table.print(out());
    return OK;
  }
}
