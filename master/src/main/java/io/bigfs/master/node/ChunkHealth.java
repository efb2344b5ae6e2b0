package io.bigfs.master.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * What one complete chunk needs, from where its replicas are and what state their nodes are in.
 * Pure: the replication monitor gathers the facts and carries out the decision.
 *
 * @param good         replicas that count: live, in-service nodes (copies under way included)
 * @param copiesNeeded replicas to add
 * @param sources      live nodes a copy can be made from (in-service or being decommissioned)
 * @param trim         replicas to delete because there are more than wanted
 * @param retire       replicas on decommissioned nodes, safe to delete now
 * @param missing      no live node holds the chunk
 */
public record ChunkHealth(int good, int copiesNeeded, List<Integer> sources, List<Integer> trim, List<Integer> retire,
                          boolean missing) {

  /** How a node holding a replica counts. */
  public enum Role {
    /** Live and in service: the replica counts. */
    GOOD,
    /** Being decommissioned: the replica does not count, but can be copied. */
    LEAVING,
    /** Decommissioned: the replica is no longer wanted once the chunk is whole elsewhere. */
    RETIRED,
    /** Not heard from: the replica does not count and cannot be copied. */
    DEAD
  }

  /**
   * @param holders     nodes the replica map lists for the chunk
   * @param inFlight    nodes a copy is being made to (they count as good)
   * @param mayTrim     whether extra replicas may be deleted now (not in a new leader's first moments)
   * @param trimFirst   higher for replicas that should go first when there are too many
   */
  public static ChunkHealth decide(int replication, int[] holders, IntFunction<Role> roleOf, List<Integer> inFlight,
                                   boolean mayTrim, IntToDoubleFunction trimFirst) {
    List<Integer> good = new ArrayList<>();
    List<Integer> sources = new ArrayList<>();
    List<Integer> retired = new ArrayList<>();
    for (int node : holders) {
      switch (roleOf.apply(node)) {
        case GOOD -> {
          good.add(node);
          sources.add(node);
        }
        case LEAVING -> sources.add(node);
        case RETIRED -> {
          retired.add(node);
          sources.add(node);
        }
        case DEAD -> { }
      }
    }
    int counted = good.size() + (int) inFlight.stream().filter(n -> !good.contains(n)).count();
    int needed = Math.max(0, replication - counted);
    List<Integer> trim = new ArrayList<>();
    if (mayTrim && inFlight.isEmpty() && good.size() > replication) {
      good.sort(Comparator.comparingDouble((Integer n) -> trimFirst.applyAsDouble(n)).reversed());
      trim.addAll(good.subList(0, good.size() - replication));
    }
    List<Integer> retire = counted >= replication && inFlight.isEmpty() ? retired : List.of();
    return new ChunkHealth(counted, needed, sources, trim, retire, sources.isEmpty());
  }

  /** Whether a node being decommissioned still holds a replica this chunk needs. */
  public boolean needs(int leavingNode) {
    return copiesNeeded > 0 && sources.contains(leavingNode);
  }
}
