package io.bigfs.it.monitoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Where the monitoring files of the checkout are, and every PromQL expression they hold. */
final class MonitoringFiles {
  /** Tests run in the testing module's folder; the files are in its sibling, monitoring. */
  static final Path ROOT = Path.of("..", "monitoring").toAbsolutePath().normalize();
  static final Path GRAFANA = ROOT.resolve("grafana");
  static final Path PROMETHEUS = ROOT.resolve("prometheus");
  static final Path ALERTS = PROMETHEUS.resolve("alerts.yml");
  static final Path ALERT_TESTS = PROMETHEUS.resolve("alerts-test.yml");
  /** Series that Prometheus makes itself for every target it scrapes, or for alerts. */
  static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
      "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

  private MonitoringFiles() {}

  /** A PromQL expression and where it was found, such as {@code bigfs-masters.json, panel "Term" query A}. */
  record Query(String where, String expr) {}

  /** The queries of every dashboard panel and variable, and the expression of every alert rule. */
  static List<Query> queries() throws IOException {
    List<Query> queries = new ArrayList<>();
    for (GrafanaDashboard d : GrafanaDashboard.all()) {
      queries.addAll(d.queries());
    }
    for (AlertRule r : AlertRule.load(ALERTS)) {
      queries.add(new Query(ALERTS.getFileName() + ", alert " + r.name(), r.expr()));
    }
    return queries;
  }

  /**
   * The metric names that {@code queries} use and {@code exported} lacks, each with where it is
   * used. Names are sample names, as Prometheus stores them: a histogram's _bucket, _count and
   * _sum, a counter's _total.
   */
  static Map<String, Set<String>> unexported(List<Query> queries, Set<String> exported) {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (Query q : queries) {
      for (String name : PromqlNames.of(q.expr())) {
        if (!exported.contains(name) && !MADE_BY_PROMETHEUS.contains(name)) {
          missing.computeIfAbsent(name, n -> new TreeSet<>()).add(q.where());
        }
      }
    }
    return missing;
  }
}
