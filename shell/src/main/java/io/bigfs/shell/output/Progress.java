package io.bigfs.shell.output;

import io.bigfs.common.config.Sizes;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar for one transfer, redrawn in place on a terminal:
 * {@code big.iso  [=========>          ]  45%  1.2 GiB / 2.7 GiB  310.5 MiB/s}.
 * Small transfers and non-terminals get nothing, so scripts and pipes see clean output. The
 * clock is passed in, so the rendering is testable without waiting.
 */
public final class Progress {
  /** Below this a transfer is over before a bar would help. */
  public static final long MIN_BYTES = 4 * Sizes.MIB;
  private static final long REDRAW_NS = 200_000_000L;
  private static final int BAR_WIDTH = 30;
  private static final int LABEL_WIDTH = 24;

  private final PrintStream err;
  private final String label;
  private final long total;
  private final LongSupplier nanoClock;
  private final long startNs;
  private long done;
  private long lastDrawNs;
  private boolean drawn;

  private Progress(PrintStream err, String label, long total, LongSupplier nanoClock) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.nanoClock = nanoClock;
    this.startNs = nanoClock.getAsLong();
    this.lastDrawNs = startNs;
  }

  /** A bar on {@code err} when {@code terminal} and the transfer is large; otherwise one that draws nothing. */
  public static Progress start(PrintStream err, boolean terminal, String label, long total, LongSupplier nanoClock) {
    return new Progress(terminal && total >= MIN_BYTES ? err : null, label, total, nanoClock);
  }

  public void advance(long bytes) {
    done += bytes;
    if (err == null) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - lastDrawNs >= REDRAW_NS) {
      lastDrawNs = now;
      draw(now);
    }
  }

  /** Draws the final state and ends the line (only if a bar was shown). */
  public void finish() {
    if (err != null && drawn) {
      draw(nanoClock.getAsLong());
      err.println();
      err.flush();
    }
  }

  private void draw(long nowNs) {
    drawn = true;
    err.print("\r" + line(nowNs));
    err.flush();
  }

  String line(long nowNs) {
    double fraction = total <= 0 ? 1 : Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? (filled == BAR_WIDTH ? "=" : ">") : "")
        + " ".repeat(BAR_WIDTH - filled);
    double seconds = Math.max(1e-3, (nowNs - startNs) / 1e9);
    String name = label.length() <= LABEL_WIDTH ? label : "..." + label.substring(label.length() - LABEL_WIDTH + 3);
    return String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s [%s] %3d%%  %s / %s  %s/s", name, bar,
        Math.round(fraction * 100), Sizes.human(done), Sizes.human(total), Sizes.human((long) (done / seconds)));
  }
}
