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

/**
 * {@code bfs df [-h] [--json]}: capacity, use and free space summed over the live chunkservers
 * (a dead node's disk is no space anyone can write to).
 */
@Command(name = "df", description = "Show the cluster's capacity, used and free space (live chunkservers).")
public final class DfCommand extends ClientCommand {
  @Option(names = "-h", description = "Sizes as 1.5 GiB.")
  boolean human;

  @Option(names = "--json", description = "One JSON document, sizes in bytes.")
  boolean json;

  DfCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    List<NodeReport> nodes = client().nodes();
    List<NodeReport> live = nodes.stream().filter(n -> "LIVE".equals(n.state())).toList();
    long capacity = live.stream().mapToLong(NodeReport::capacityBytes).sum();
    long used = live.stream().mapToLong(NodeReport::usedBytes).sum();
    long free = Math.max(0, capacity - used);
    int dead = nodes.size() - live.size();
    if (json) {
      Json.print(out(), w -> w.beginObject()
          .name("capacityBytes").value(capacity)
          .name("usedBytes").value(used)
          .name("freeBytes").value(free)
          .name("liveNodes").value(live.size())
          .name("deadNodes").value(dead)
          .endObject());
      return OK;
    }
    new Table(6).right(0, 1, 2, 3, 4, 5)
        .row("CAPACITY", "USED", "FREE", "USE%", "LIVE NODES", "DEAD NODES")
        .row(Formats.size(capacity, human), Formats.size(used, human), Formats.size(free, human),
            Formats.percent(used, capacity), live.size(), dead)
        .print(out());
    return OK;
  }
}
