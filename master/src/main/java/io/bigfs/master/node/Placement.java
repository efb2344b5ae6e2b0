package io.bigfs.master.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a new chunk's replicas go: live nodes that take writes, never two on one node, the
 * least occupied first (fewest chunks, then most free space), and on distinct racks while
 * distinct racks remain. Pure: it decides from the node states it is given.
 */
public final class Placement {
  private Placement() {}

  public static List<NodeState> choose(List<NodeState> live, int replicas, Set<Integer> exclude) {
    List<NodeState> candidates = new ArrayList<>(live.stream()
        .filter(NodeState::acceptingWrites)
        .filter(n -> !exclude.contains(n.id()))
        .toList());
    candidates.sort(Comparator
        .comparingLong((NodeState n) -> n.chunkCount() + n.scheduledChunks())
        .thenComparing(Comparator.comparingLong(NodeState::freeBytes).reversed())
        .thenComparingInt(NodeState::id));
    List<NodeState> chosen = new ArrayList<>();
    Set<String> racksUsed = new HashSet<>();
    // First pass: one replica per rack; second pass: fill up regardless of rack.
    for (NodeState n : candidates) {
      if (chosen.size() < replicas && (n.rack().isEmpty() || racksUsed.add(n.rack()))) {
        chosen.add(n);
      }
    }
    for (NodeState n : candidates) {
      if (chosen.size() < replicas && !chosen.contains(n)) {
        chosen.add(n);
      }
    }
    return chosen;
  }
}
