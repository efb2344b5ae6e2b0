package io.bigfs.shell.metrics;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads every page, waits, reads them again and prints a frame of what changed, over and over.
 * Pages are read in parallel, so one node that does not answer delays a frame by one timeout,
 * not one per node.
 */
public final class TopView implements AutoCloseable {
  /** Home, then clear the screen: each frame replaces the last one on a terminal. */
  private static final String CLEAR = "\033[H\033[2J";
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
  private static final int MAX_READERS = 16;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneId.systemDefault());

  private final List<String> endpoints;
  private final Duration interval;
  private final String source;
  private final ExecutorService readers;

  /**
   * @param endpoints host:port of each /metrics page
   * @param source    where the endpoints came from, for the header
   */
  public TopView(List<String> endpoints, Duration interval, String source) {
    this.endpoints = List.copyOf(endpoints);
    this.interval = interval;
    this.source = source;
    this.readers = Executors.newFixedThreadPool(Math.min(MAX_READERS, Math.max(1, endpoints.size())), r -> {
      Thread t = new Thread(r, "top-reader");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Prints {@code frames} frames (0: until interrupted), each after waiting one interval;
   * {@code clear} redraws a terminal in place instead of scrolling.
   */
  public void run(PrintStream out, int frames, boolean clear) throws InterruptedException {
    Map<String, NodeReading> before = byEndpoint(readAll());
    for (int frame = 1; frames == 0 || frame <= frames; frame++) {
      Thread.sleep(interval.toMillis());
      List<NodeReading> now = readAll();
      if (clear) {
        out.print(CLEAR);
      }
      out.println("bfs admin top  " + CLOCK.format(Instant.now()) + "  every " + seconds(interval) + "  "
          + endpoints.size() + " pages from " + source);
      new TopFrame(now, before).print(out);
      out.flush();
      before = byEndpoint(now);
    }
  }

  private List<NodeReading> readAll() throws InterruptedException {
    List<Future<NodeReading>> pending = endpoints.stream()
        .map(e -> readers.submit(() -> NodeReading.take(e, READ_TIMEOUT))).toList();
    List<NodeReading> readings = new ArrayList<>();
    for (Future<NodeReading> f : pending) {
      try {
        readings.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("reading a page failed unexpectedly", e.getCause());
      }
    }
    return readings;
  }

  private static Map<String, NodeReading> byEndpoint(List<NodeReading> readings) {
    Map<String, NodeReading> map = new HashMap<>();
    readings.forEach(r -> map.put(r.endpoint(), r));
    return map;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1e3);
  }

  @Override
  public void close() {
    readers.shutdownNow();
  }
}
