package io.bigfs.shell.admin;

import io.bigfs.client.BfsClient;
import io.bigfs.client.NodeReport;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code bfs admin rebalance [--threshold PCT]}: moves replicas from the chunkservers holding
 * the largest share of their capacity to those holding the smallest, round after round, until
 * every node is within the threshold of the mean (or nothing more can move).
 */
@Command(name = "rebalance", description = {"Even out disk use across chunkservers: move replicas until every node "
    + "is within THRESHOLD percentage points of the mean."})
public final class AdminRebalanceCommand extends ClientCommand {
  @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "10",
      description = "Allowed distance from the mean, in percentage points of capacity (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--once", description = "Start one round of moves and return.")
  boolean once;

  @Option(names = "--max-rounds", paramLabel = "N", defaultValue = "1000", hidden = true)
  int maxRounds;

  AdminRebalanceCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    BfsClient fs = client();
    for (int round = 1; round <= maxRounds; round++) {
      BfsClient.RebalanceRound r = fs.rebalance(threshold, 0);
      out().printf(Locale.ROOT, "round %d: spread %.1f points, %d moves started, %d in flight%n", round,
          r.spreadBefore(), r.movesStarted(), r.movesInFlight());
      if (once || r.movesStarted() == 0 && r.movesInFlight() == 0) {
        break;
      }
      if (r.movesStarted() == 0) {
        pause();
      }
    }
    printUse(fs.nodes());
    return OK;
  }

  private void printUse(List<NodeReport> nodes) {
    for (NodeReport n : nodes) {
      double pct = n.capacityBytes() == 0 ? 0 : 100.0 * n.storedBytes() / n.capacityBytes();
      out().printf(Locale.ROOT, "  node %d (%s): %.2f%% of capacity in replicas%n", n.nodeId(), n.address(), pct);
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }
}
