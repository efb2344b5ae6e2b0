package io.bigfs.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsServerTest {
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final AtomicBoolean ready = new AtomicBoolean();
  PrometheusMeterRegistry registry;
  MetricsServer server;

  @BeforeEach
  void start() throws IOException {
    registry = Metrics.newRegistry("master", "m1");
    server = new MetricsServer("127.0.0.1", 0, registry, ready::get, () -> "leader m2");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(5)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsArePrometheusTextWithUnitsTotalsHistogramsAndTheProcessTags() throws Exception {
    Counter.builder("bfs.test.requests").register(registry).increment(3);
    Timer.builder("bfs.test.request").publishPercentileHistogram().register(registry).record(Duration.ofMillis(2));

    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("bfs_test_requests_total{instance_id=\"m1\",role=\"master\",} 3.0")
        .contains("# TYPE bfs_test_request_seconds histogram")
        .contains("bfs_test_request_seconds_bucket{instance_id=\"m1\",role=\"master\",le=\"+Inf\",} 1.0")
        .contains("bfs_test_request_seconds_count{instance_id=\"m1\",role=\"master\",} 1.0")
        .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\",")
        .containsPattern("(?m)^jvm_threads_live_threads\\{")
        .containsPattern("(?m)^process_cpu_usage\\{")
        .containsPattern("(?m)^process_uptime_seconds\\{")
        .containsPattern("(?m)^process_files_open_files\\{");
  }

  @Test
  void healthIsUpWhileReadinessFollowsTheServer() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> notReady = get("/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).isEqualTo("not ready: leader m2\n");

    ready.set(true);
    HttpResponse<String> isReady = get("/ready");
    assertThat(isReady.statusCode()).isEqualTo(200);
    assertThat(isReady.body()).isEqualTo("ready: leader m2\n");
    assertThat(get("/health").body()).isEqualTo("ok\n");
  }
}
