package io.bigfs.master.rpc;

import io.bigfs.proto.StatusCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Rate, latency and failures of each kind of request: bfs_master_op_seconds{op=...}. */
final class OpMetrics {
  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();

  OpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String op, long startNanos, StatusCode code) {
    timers.computeIfAbsent(op, o -> Timer.builder("bfs.master.op")
            .description("Namespace requests served by this master, by operation")
            .tag("op", o)
            .publishPercentileHistogram()
            .register(registry))
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    if (code != StatusCode.OK) {
      failures.computeIfAbsent(op + "/" + code, k -> Counter.builder("bfs.master.op.failures")
          .description("Requests answered with an error status, by operation and status")
          .tag("op", op).tag("status", code.name())
          .register(registry)).increment();
    }
  }
}
