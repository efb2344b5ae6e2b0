package io.bigfs.it.monitoring;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Not a PromQL parser: it removes what cannot hold
 * a metric name (strings, label matchers, ranges, label lists of by/on/...), and what is left
 * that is neither a function call, a keyword nor a number is a metric name. That is enough for
 * the expressions of our dashboards and rules, and errs towards reporting too many names, which
 * a test then shows, rather than too few.
 */
final class PromqlNames {
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  /** Range selectors and subqueries: [5m], [$__rate_interval], [1h:5m]. */
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  /**
   * A name that starts a token (not the tail of a number such as 1e3 or 5m, not a Grafana $variable)
   * and is not followed by "(": possessive, so "rate(" does not match as "rat".
   */
  private static final Pattern NAME = Pattern.compile("(?<![\\w.:$])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

  private PromqlNames() {}

  static Set<String> of(String expr) {
    String rest = STRINGS.matcher(expr).replaceAll(" ");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGES.matcher(rest).replaceAll(" ");
    rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(rest);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group().toLowerCase(Locale.ROOT))) {
        names.add(m.group());
      }
    }
    return names;
  }
}
