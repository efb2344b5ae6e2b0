package io.bigfs.testing;

import io.bigfs.chunkserver.ChunkServer;
import io.bigfs.common.metrics.Scrape;
import io.bigfs.master.MasterServer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reading of every /metrics page of a MiniCluster (the nodes running at the time), with sums
 * over masters or chunkservers, so a test can compare two readings taken around some work.
 */
public final class ClusterMetrics {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<Scrape> masters;
  private final List<Scrape> chunkservers;

  private ClusterMetrics(List<Scrape> masters, List<Scrape> chunkservers) {
    this.masters = masters;
    this.chunkservers = chunkservers;
  }

  public static ClusterMetrics of(MiniCluster cluster) throws IOException {
    List<Scrape> masters = new ArrayList<>();
    for (int i = 0; i < cluster.masterCount(); i++) {
      MasterServer m = cluster.master(i);
      if (m != null) {
        masters.add(Scrape.fetch("127.0.0.1:" + m.httpPort(), TIMEOUT));
      }
    }
    List<Scrape> chunkservers = new ArrayList<>();
    for (int i = 0; i < cluster.chunkserverCount(); i++) {
      ChunkServer c = cluster.chunkserver(i);
      if (c != null) {
        chunkservers.add(Scrape.fetch("127.0.0.1:" + c.httpPort(), TIMEOUT));
      }
    }
    return new ClusterMetrics(masters, chunkservers);
  }

  /** The same as {@link #of}, for use inside a condition polled by {@link Wait}. */
  public static ClusterMetrics read(MiniCluster cluster) {
    try {
      return of(cluster);
    } catch (IOException e) {
      throw new AssertionError("cannot read the cluster's metrics: " + e.getMessage(), e);
    }
  }

  public List<Scrape> masters() {
    return masters;
  }

  public List<Scrape> chunkservers() {
    return chunkservers;
  }

  public double masterSum(String name, Map<String, String> labels) {
    return masters.stream().mapToDouble(s -> s.sum(name, labels)).sum();
  }

  public double chunkserverSum(String name, Map<String, String> labels) {
    return chunkservers.stream().mapToDouble(s -> s.sum(name, labels)).sum();
  }

  /** The leader's page: the master whose bfs_master_raft_leader is 1. */
  public Scrape leader() {
    return masters.stream().filter(s -> s.value("bfs_master_raft_leader") == 1.0).findFirst()
        .orElseThrow(() -> new AssertionError("no master says it leads"));
  }

  /** Every sample name any node exports. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    masters.forEach(s -> names.addAll(s.names()));
    chunkservers.forEach(s -> names.addAll(s.names()));
    return names;
  }
}
