package io.bigfs.shell.local;

import io.bigfs.shell.metrics.TargetsFile;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The local cluster's targets file: Prometheus scrapes it with
 * monitoring/prometheus/prometheus-local.yml, and bfs admin top reads it by default.
 */
final class ScrapeTargets {
  /** The value of the cluster label, which tells clusters apart on shared dashboards. */
  static final String CLUSTER = "local";

  private ScrapeTargets() {}

  static void write(LocalCluster cluster) throws IOException {
    TargetsFile.write(cluster.dir().resolve(TargetsFile.LOCAL_NAME), List.of(
        group(cluster, LocalNode.Kind.MASTER, TargetsFile.MASTER_JOB),
        group(cluster, LocalNode.Kind.CHUNKSERVER, TargetsFile.CHUNKSERVER_JOB)));
  }

  private static TargetsFile.Group group(LocalCluster cluster, LocalNode.Kind kind, String job) {
    return new TargetsFile.Group(cluster.of(kind).stream().map(n -> LocalNode.HOST + ":" + n.httpPort()).toList(),
        Map.of("job", job, "cluster", CLUSTER));
  }
}
