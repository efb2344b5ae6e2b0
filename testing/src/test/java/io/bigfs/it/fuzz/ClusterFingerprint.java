package io.bigfs.it.fuzz;

import io.bigfs.client.BfsClient;
import io.bigfs.client.FileInfo;
import io.bigfs.client.MasterDigest;
import io.bigfs.client.NodeReport;
import io.bigfs.testing.Wait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What must not change when a server is sent garbage: the replicated state of every master (one
 * digest, the same on all three), the tree as a client lists it, and the live chunkservers.
 *
 * @param digest what every master reports for its state, per column family: entries and SHA-256;
 *               the masters must agree on all of it, retry records included
 * @param tree   every path under the root with its length, in order
 * @param nodes  the addresses of the LIVE chunkservers
 */
record ClusterFingerprint(Map<String, String> digest, List<String> tree, Set<String> nodes) {

  /** Waits until the three masters agree (followers may still be applying), then takes the fingerprint. */
  static ClusterFingerprint of(BfsClient fs) {
    Map<String, String> digest = Wait.forValue("the masters to agree on one state digest", Duration.ofSeconds(30),
        () -> {
          List<MasterDigest> all = fs.digests();
          Set<Map<String, String>> states = all.stream().map(MasterDigest::families).collect(Collectors.toSet());
          boolean agree = all.stream().allMatch(MasterDigest::reachable) && states.size() == 1;
          return agree ? withoutAnswers(states.iterator().next()) : null;
        });
    try {
      List<String> tree = new ArrayList<>();
      walk(fs, "/", tree);
      Set<String> nodes = fs.nodes().stream().filter(n -> n.state().equals("LIVE")).map(NodeReport::address)
          .collect(Collectors.toCollection(TreeSet::new));
      return new ClusterFingerprint(digest, tree, nodes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The state without the retry records: a well-formed request that is refused (renewing leases
   * one does not hold, say) still goes through the log, and its answer is remembered for retries.
   */
  private static Map<String, String> withoutAnswers(Map<String, String> families) {
    Map<String, String> state = new TreeMap<>(families);
    state.keySet().removeAll(List.of("retry", "retry_by_time"));
    return state;
  }

  private static void walk(BfsClient fs, String dir, List<String> out) throws IOException {
    for (FileInfo f : fs.list(dir)) {
      out.add(f.path() + (f.directory() ? "/" : " " + f.length()));
      if (f.directory()) {
        walk(fs, f.path(), out);
      }
    }
  }
}
