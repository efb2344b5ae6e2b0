package io.bigfs.shell.admin;

import io.bigfs.client.MasterDigest;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.output.Json;
import io.bigfs.shell.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;

/**
 * {@code bfs admin digest [--json]}: each master's fingerprint of its replicated state. On a
 * quiet cluster every master reaches the same applied index, and then the digests must match;
 * the exit code is 1 when masters at the same index disagree.
 */
@Command(name = "digest", description = "Digest each master's replicated state; masters at one applied index must agree.")
public final class AdminDigestCommand extends ClientCommand {
  @Option(names = "--json", description = "One JSON document: {\"masters\": [...], \"agree\": true|false}.")
  boolean json;

  AdminDigestCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    List<MasterDigest> digests = client().digests();
    boolean agree = !diverged(digests);
    if (json) {
      Json.print(out(), w -> {
        w.beginObject().name("masters").beginArray();
        for (MasterDigest d : digests) {
          w.beginObject().name("id").value(d.id()).name("address").value(d.address())
              .name("reachable").value(d.reachable()).name("appliedIndex").value(d.appliedIndex())
              .name("entries").value(d.entries()).name("sha256").value(d.sha256()).name("error").value(d.error())
              .endObject();
        }
        w.endArray().name("agree").value(agree).endObject();
      });
    } else {
      Table table = new Table(5).right(2, 3).row("ID", "ADDRESS", "APPLIED", "ENTRIES", "SHA256");
      for (MasterDigest d : digests) {
        table.row(d.reachable() ? d.id() : "?", d.address(), d.reachable() ? d.appliedIndex() : "-",
            d.reachable() ? d.entries() : "-", d.reachable() ? d.sha256() : "unreachable: " + d.error());
      }
      table.print(out());
      out().println(agree ? "Masters at the same applied index agree." : "DIVERGED: masters at the same applied index "
          + "hold different state.");
    }
    return agree ? OK : FAILED;
  }

  /** Whether two reachable masters at the same applied index hold different state. */
  static boolean diverged(List<MasterDigest> digests) {
    return digests.stream().filter(MasterDigest::reachable).anyMatch(a -> digests.stream()
        .filter(MasterDigest::reachable)
        .anyMatch(b -> a.appliedIndex() == b.appliedIndex() && !a.sha256().equals(b.sha256())));
  }
}
