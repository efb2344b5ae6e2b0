package io.bigfs.bench;

import java.util.Arrays;

/** Summaries of repeated measurements. */
public final class Stats {
  private Stats() {}

  /** The median of {@code values} (the mean of the middle two for an even count); the array is left as it was. */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
  }
}
