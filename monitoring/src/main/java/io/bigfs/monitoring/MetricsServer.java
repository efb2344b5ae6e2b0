package io.bigfs.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheus.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP side of a server: /metrics (Prometheus text format), /health (the process is up)
 * and /ready (it can serve: a master with a known leader, a chunkserver registered).
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;

  /**
   * @param host      bind address
   * @param port      0 picks a free port
   * @param registry  what /metrics serves
   * @param readiness what /ready reports, with a one-line reason
   */
  public MetricsServer(String host, int port, PrometheusMeterRegistry registry,
                       BooleanSupplier readiness, Supplier<String> readinessDetail) throws IOException {
    http = HttpServer.create(new InetSocketAddress(host, port), 16);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        registry.scrape()));
    http.createContext("/health", ex -> reply(ex, 200, "text/plain", "ok\n"));
    http.createContext("/ready", ex -> {
      boolean ready = readiness.getAsBoolean();
      reply(ex, ready ? 200 : 503, "text/plain", (ready ? "ready" : "not ready") + ": " + readinessDetail.get() + "\n");
    });
    http.start();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private static void reply(HttpExchange ex, int code, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
