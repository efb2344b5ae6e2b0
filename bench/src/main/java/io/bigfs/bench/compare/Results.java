package io.bigfs.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison's rows, and their markdown table with ratios to HDFS and to the disk's limit. */
final class Results {
  /**
   * One measured row. {@code hdfs} or {@code limit} is NaN where there is none;
   * {@code higherIsBetter} is false for times and memory.
   */
  record Row(String workload, String unit, double bigfs, double hdfs, double limit, boolean higherIsBetter) {
    double vsHdfs() {
      return bigfs / hdfs;
    }

    double vsLimit() {
      return bigfs / limit;
    }
  }

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| workload | unit | BigFS | HDFS | BigFS/HDFS | limit | BigFS/limit |\n");
    b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      b.append("| ").append(r.workload()).append(" | ").append(r.unit()).append(r.higherIsBetter() ? "" : " (lower is better)")
          .append(" | ").append(number(r.bigfs())).append(" | ").append(number(r.hdfs()))
          .append(" | ").append(ratio(r.vsHdfs())).append(" | ").append(number(r.limit()))
          .append(" | ").append(ratio(r.vsLimit())).append(" |\n");
    }
    return b.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** Blank where a ratio means nothing: no value, or a negative one (a slope that noise took below zero). */
  private static String ratio(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) || v < 0 ? "" : String.format(Locale.ROOT, "%.2f×", v);
  }
}
