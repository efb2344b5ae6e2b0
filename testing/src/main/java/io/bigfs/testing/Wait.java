package io.bigfs.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until a deadline: tests wait for outcomes, they do not sleep and hope. */
public final class Wait {
  private Wait() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      pause(20);
    }
  }

  /** Waits until {@code supplier} returns non-null, and returns it. */
  public static <T> T forValue(String what, Duration timeout, Supplier<T> supplier) {
    Object[] box = new Object[1];
    until(what, timeout, () -> (box[0] = supplier.get()) != null);
    @SuppressWarnings("unchecked")
    T value = (T) box[0];
    return value;
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
