package io.bigfs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Reads values from a server's /metrics page. */
final class Metrics {
  private Metrics() {}

  /** Sum of the samples of {@code name} whose labels contain {@code labelPart}. */
  static long gauge(String url, String name, String labelPart) throws IOException {
    String page;
    try (InputStream in = URI.create(url).toURL().openStream()) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    double sum = 0;
    for (String line : page.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(labelPart)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) sum;
  }
}
