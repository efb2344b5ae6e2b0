package io.bigfs.shell.metrics;

import io.bigfs.common.metrics.Scrape;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One node as one reading of its /metrics page showed it, or why the page could not be read.
 *
 * @param endpoint  host:port of the page
 * @param atNanos   when it was read (System.nanoTime), for rates
 * @param scrape    null when the node did not answer
 */
record NodeReading(String endpoint, long atNanos, Scrape scrape, String error) {
  static final String MASTER = "master";
  static final String CHUNKSERVER = "chunkserver";

  static NodeReading take(String endpoint, Duration timeout) {
    long at = System.nanoTime();
    try {
      return new NodeReading(endpoint, at, Scrape.fetch(endpoint, timeout), "");
    } catch (IOException | RuntimeException e) {
      return new NodeReading(endpoint, at, null, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  boolean up() {
    return scrape != null;
  }

  /** "master" or "chunkserver": every meter of a BigFS server carries its role. */
  String role() {
    return up() ? scrape.commonLabel("role") : "";
  }

  /** The master's id (m1) or the chunkserver's data address. */
  String id() {
    return up() ? scrape.commonLabel("instance_id") : "";
  }

  /** The first sample's value; NaN when the page lacks it (an older server, or a meter not yet made). */
  double value(String name) {
    return up() ? scrape.value(name) : Double.NaN;
  }

  double sum(String name, Map<String, String> labels) {
    return up() && !scrape.all(name, labels).isEmpty() ? scrape.sum(name, labels) : Double.NaN;
  }

  double sum(String name) {
    return sum(name, Map.of());
  }

  /**
   * How fast a counter grew per second since {@code before}; NaN without an earlier reading, and
   * when the counter went down (the node restarted in between).
   */
  double rate(NodeReading before, String name, Map<String, String> labels) {
    return comparable(before) ? perSecond(before, sum(name, labels) - before.sum(name, labels)) : Double.NaN;
  }

  double rate(NodeReading before, String name) {
    return rate(before, name, Map.of());
  }

  /** The rate of a counter made on its first event (failures by status): absent from a page means none yet. */
  double rateOfEvents(NodeReading before, String name) {
    return comparable(before) ? perSecond(before, scrape.sum(name) - before.scrape.sum(name)) : Double.NaN;
  }

  private boolean comparable(NodeReading before) {
    return before != null && before.up() && up();
  }

  private double perSecond(NodeReading before, double delta) {
    double seconds = (atNanos - before.atNanos) / 1e9;
    return delta < 0 || seconds <= 0 ? Double.NaN : delta / seconds;
  }
}
