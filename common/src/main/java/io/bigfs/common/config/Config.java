package io.bigfs.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings of one process: a properties file, then command-line overrides on top.
 * Values are read through {@link ConfigKey}s, so a bad value fails at start with the key's name.
 */
public final class Config {
  private final Map<String, String> values;

  private Config(Map<String, String> values) {
    this.values = values;
  }

  public static Config empty() {
    return new Config(new TreeMap<>());
  }

  /** Loads a properties file; a missing file is an error (a typo must not start a default cluster). */
  public static Config load(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    }
    Config config = empty();
    props.stringPropertyNames().forEach(k -> config.values.put(k, props.getProperty(k).trim()));
    return config;
  }

  /** Returns a copy with {@code key=value} set (later overrides win). */
  public Config with(String key, String value) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new Config(copy);
  }

  /** Returns a copy with every override applied. */
  public Config withAll(Map<String, String> overrides) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.putAll(overrides);
    return new Config(copy);
  }

  public <T> T get(ConfigKey<T> key) {
    String raw = values.get(key.name());
    if (raw == null || raw.isEmpty()) {
      return key.defaultValue();
    }
    try {
      return key.parser().apply(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "bad value for " + key.name() + ": '" + raw + "' (" + e.getMessage() + ")", e);
    }
  }

  public boolean isSet(ConfigKey<?> key) {
    String raw = values.get(key.name());
    return raw != null && !raw.isEmpty();
  }

  /** Keys in this config that none of {@code known} declares: almost always typos. */
  public Set<String> unknownKeys(Collection<ConfigKey<?>> known) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    known.forEach(k -> unknown.remove(k.name()));
    return unknown;
  }

  /** Fails on unknown keys, naming them. */
  public void rejectUnknown(Collection<ConfigKey<?>> known) {
    Set<String> unknown = unknownKeys(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown configuration keys: " + String.join(", ", unknown));
    }
  }

  /** A listing of keys with their defaults and documentation, for --help and example configs. */
  public static String describe(Collection<ConfigKey<?>> keys) {
    StringBuilder out = new StringBuilder();
    for (ConfigKey<?> key : keys) {
      out.append("# ").append(key.doc().replace("\n", "\n# ")).append('\n');
      out.append("# ").append(key.name()).append('=')
          .append(key.defaultValue() == null ? "" : key.defaultValue()).append("\n\n");
    }
    return out.toString();
  }
}
