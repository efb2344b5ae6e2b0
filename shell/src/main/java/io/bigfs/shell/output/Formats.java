package io.bigfs.shell.output;

import io.bigfs.common.Modes;
import io.bigfs.common.config.Sizes;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The small renderings every listing shares: sizes, permission strings, times, ages. */
public final class Formats {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  private Formats() {}

  /** Bytes as a number, or as "1.5 GiB" when {@code human}. */
  public static String size(long bytes, boolean human) {
    return human ? Sizes.human(bytes) : Long.toString(bytes);
  }

  /** "drwxr-xr-x" for a directory with mode 0755; set-id and sticky bits as ls shows them. */
  public static String permissions(boolean directory, int mode) {
    return Modes.symbolic(directory, mode);
  }

  /** "0755": the way chmod takes a mode. */
  public static String octal(int mode) {
    return String.format(Locale.ROOT, "%04o", mode);
  }

  /** "2025-01-31 14:05" in the local time zone. */
  public static String time(long epochMs) {
    return TIME.format(Instant.ofEpochMilli(epochMs));
  }

  public static String timeSeconds(long epochMs) {
    return epochMs <= 0 ? "-" : TIME_SECONDS.format(Instant.ofEpochMilli(epochMs));
  }

  /** "0.4s ago", "3m12s ago"; "never" for a time that was never set. */
  public static String age(long thenMs, long nowMs) {
    if (thenMs <= 0) {
      return "never";
    }
    long ms = Math.max(0, nowMs - thenMs);
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs ago", ms / 1000.0);
    }
    long s = ms / 1000;
    return s < 3600 ? (s / 60) + "m" + (s % 60) + "s ago" : (s / 3600) + "h" + (s % 3600 / 60) + "m ago";
  }

  /** "42%" of used in capacity; "-" when there is no capacity. */
  public static String percent(long part, long whole) {
    return whole <= 0 ? "-" : Math.round(100.0 * part / whole) + "%";
  }
}
