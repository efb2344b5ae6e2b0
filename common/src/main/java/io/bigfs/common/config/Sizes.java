package io.bigfs.common.config;

import java.util.Locale;

/** Byte sizes for people: parse "64m" and print 67108864 as "64.0 MiB". */
public final class Sizes {
  public static final long KIB = 1024;
  public static final long MIB = 1024 * KIB;
  public static final long GIB = 1024 * MIB;
  public static final long TIB = 1024 * GIB;

  private Sizes() {}

  public static long parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("ib")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    long unit = 1;
    char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    switch (last) {
      case 'k' -> unit = KIB;
      case 'm' -> unit = MIB;
      case 'g' -> unit = GIB;
      case 't' -> unit = TIB;
      default -> { }
    }
    String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
    long value = Long.parseLong(digits.trim());
    if (value < 0) {
      throw new IllegalArgumentException("negative size: " + text);
    }
    return Math.multiplyExact(value, unit);
  }

  /** "1.5 GiB", "512 B": binary units, one decimal. */
  public static String human(long bytes) {
    if (bytes < KIB) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int i = -1;
    while (value >= 1024 && i < units.length - 1) {
      value /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[i]);
  }
}
