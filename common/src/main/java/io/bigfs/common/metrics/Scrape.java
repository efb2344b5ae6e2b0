package io.bigfs.common.metrics;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reading of a server's /metrics page, parsed. Only what the text exposition format (0.0.4)
 * says is read: comments are skipped, and so are timestamps, which our servers never send.
 */
public final class Scrape {
  private final List<Sample> samples;

  private Scrape(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /** Reads http://{@code hostPort}/metrics. */
  public static Scrape fetch(String hostPort, Duration timeout) throws IOException {
    HttpURLConnection http = (HttpURLConnection) URI.create("http://" + hostPort + "/metrics").toURL().openConnection();
    http.setConnectTimeout((int) timeout.toMillis());
    http.setReadTimeout((int) timeout.toMillis());
    try {
      if (http.getResponseCode() != 200) {
        throw new IOException(hostPort + "/metrics answered HTTP " + http.getResponseCode());
      }
      return parse(new String(http.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      http.disconnect();
    }
  }

  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      try {
        samples.add(SampleLine.parse(l));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + lineNo + " is not a sample (" + e.getMessage() + "): " + l, e);
      }
    }
    return new Scrape(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The names of all samples, such as {@code bfs_master_op_seconds_bucket}. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  public List<Sample> all(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
  }

  /** The sum of the samples named {@code name} that carry {@code labels}; 0 when there are none. */
  public double sum(String name, Map<String, String> labels) {
    return all(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  public double sum(String name) {
    return sum(name, Map.of());
  }

  /** The value of the first sample named {@code name}, or NaN when there is none. */
  public double value(String name) {
    List<Sample> found = all(name, Map.of());
    return found.isEmpty() ? Double.NaN : found.get(0).value();
  }

  /** A label that every sample of this process carries (role, instance_id), from any sample that has it. */
  public String commonLabel(String label) {
    return samples.stream().map(s -> s.label(label)).filter(v -> !v.isEmpty()).findFirst().orElse("");
  }

  /** The parser of one sample line: name, optional {labels}, value. */
  private static final class SampleLine {
    private final String line;
    private int pos;

    private SampleLine(String line) {
      this.line = line;
    }

    static Sample parse(String line) {
      return new SampleLine(line).sample();
    }

    private Sample sample() {
      int nameEnd = pos;
      while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
        nameEnd++;
      }
      String name = line.substring(0, nameEnd);
      pos = nameEnd;
      Map<String, String> labels = new LinkedHashMap<>();
      if (pos < line.length() && line.charAt(pos) == '{') {
        pos++;
        labels(labels);
      }
      String[] rest = line.substring(pos).strip().split("\\s+");
      return new Sample(name, labels, number(rest[0]));
    }

    /** Reads {@code a="x",b="y"} up to and past the closing brace. */
    private void labels(Map<String, String> into) {
      while (true) {
        skip(',');
        if (line.charAt(pos) == '}') {
          pos++;
          return;
        }
        int eq = line.indexOf('=', pos);
        String key = line.substring(pos, eq).strip();
        pos = eq + 1;
        expect('"');
        StringBuilder value = new StringBuilder();
        for (char c = line.charAt(pos++); c != '"'; c = line.charAt(pos++)) {
          if (c == '\\') {
            char escaped = line.charAt(pos++);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
        }
        into.put(key, value.toString());
      }
    }

    private void skip(char c) {
      while (line.charAt(pos) == c || line.charAt(pos) == ' ') {
        pos++;
      }
    }

    private void expect(char c) {
      if (line.charAt(pos) != c) {
        throw new IllegalArgumentException("expected " + c + " at " + pos);
      }
      pos++;
    }

    private static double number(String s) {
      return switch (s) {
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(s);
      };
    }
  }
}
