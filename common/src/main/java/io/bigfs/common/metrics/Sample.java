package io.bigfs.common.metrics;

import java.util.Map;

/** One line of a scrape: {@code name{labels} value}. */
public record Sample(String name, Map<String, String> labels, double value) {
  public Sample {
    labels = Map.copyOf(labels);
  }

  /** Whether every label in {@code wanted} has the given value here. */
  public boolean has(Map<String, String> wanted) {
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  public String label(String name) {
    return labels.getOrDefault(name, "");
  }
}
