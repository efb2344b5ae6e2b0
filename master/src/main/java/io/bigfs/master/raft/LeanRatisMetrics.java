package io.bigfs.master.raft;

import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.Timekeeper;
import org.apache.ratis.util.TimeDuration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The metrics registry Ratis finds through ServiceLoader, in place of ratis-metrics-default. That
 * one times every request into Dropwizard histograms with exponentially decaying reservoirs,
 * about 5 % of a master's CPU under load, and nothing reads them: the masters' Raft metrics
 * (role, term, commit and applied index) come from the Raft server itself. Counters stay real
 * and cheap; timers and gauges are dropped.
 */
public final class LeanRatisMetrics extends MetricRegistries {
  private static final Timekeeper.Context STOPPED = () -> 0L;
  private static final Timekeeper NO_TIMER = () -> STOPPED;

  private final Map<MetricRegistryInfo, RatisMetricRegistry> registries = new ConcurrentHashMap<>();

  @Override
  public void clear() {
    registries.clear();
  }

  @Override
  public RatisMetricRegistry create(MetricRegistryInfo info) {
    return registries.computeIfAbsent(info, Registry::new);
  }

  @Override
  public boolean remove(MetricRegistryInfo info) {
    return registries.remove(info) != null;
  }

  @Override
  public Optional<RatisMetricRegistry> get(MetricRegistryInfo info) {
    return Optional.ofNullable(registries.get(info));
  }

  @Override
  public Set<MetricRegistryInfo> getMetricRegistryInfos() {
    return Set.copyOf(registries.keySet());
  }

  @Override
  public Collection<RatisMetricRegistry> getMetricRegistries() {
    return List.copyOf(registries.values());
  }

  @Override
  public void addReporterRegistration(Consumer<RatisMetricRegistry> add, Consumer<RatisMetricRegistry> remove) {
    // no reporters: nothing reads Ratis's own metrics
  }

  @Override
  public void enableJmxReporter() {
    // no reporters
  }

  @Override
  public void enableConsoleReporter(TimeDuration period) {
    // no reporters
  }

  private record Registry(MetricRegistryInfo info, Map<String, Counter> counters) implements RatisMetricRegistry {
    Registry(MetricRegistryInfo info) {
      this(info, new ConcurrentHashMap<>());
    }

    @Override
    public Timekeeper timer(String name) {
      return NO_TIMER;
    }

    @Override
    public LongCounter counter(String name) {
      return counters.computeIfAbsent(name, n -> new Counter());
    }

    @Override
    public boolean remove(String name) {
      return counters.remove(name) != null;
    }

    @Override
    public <T> void gauge(String name, Supplier<Supplier<T>> supplier) {
      // dropped: a gauge costs nothing until read, and nothing reads it
    }

    @Override
    public MetricRegistryInfo getMetricRegistryInfo() {
      return info;
    }
  }

  private static final class Counter implements LongCounter {
    private final LongAdder value = new LongAdder();

    @Override
    public void inc(long n) {
      value.add(n);
    }

    @Override
    public void dec(long n) {
      value.add(-n);
    }

    @Override
    public long getCount() {
      return value.sum();
    }
  }
}
