package io.bigfs.common.config;

import java.util.function.Function;

/**
 * One configuration key: its name, default, documentation and parser in one place. A process
 * declares its keys as constants of its config record; {@link Config} resolves them.
 *
 * @param <T> the value type
 */
public record ConfigKey<T>(String name, T defaultValue, String doc, Function<String, T> parser) {

  public static ConfigKey<String> string(String name, String defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, doc, s -> s);
  }

  public static ConfigKey<Integer> integer(String name, int defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, doc, Integer::parseInt);
  }

  public static ConfigKey<Long> longKey(String name, long defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, doc, Long::parseLong);
  }

  public static ConfigKey<Double> decimal(String name, double defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, doc, Double::parseDouble);
  }

  public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, doc, ConfigKey::parseBoolean);
  }

  /** Sizes as bytes, accepting suffixes: 64m, 1g, 512k. */
  public static ConfigKey<Long> size(String name, long defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, doc, Sizes::parse);
  }

  private static boolean parseBoolean(String s) {
    return switch (s.trim().toLowerCase()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + s + "'");
    };
  }
}
