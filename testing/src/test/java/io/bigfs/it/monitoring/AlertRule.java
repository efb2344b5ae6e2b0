package io.bigfs.it.monitoring;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One alerting rule of a Prometheus rule file, as far as these tests look at it. */
record AlertRule(String group, String name, String expr, Map<String, Object> labels, Map<String, Object> annotations) {
  static List<AlertRule> load(Path file) throws IOException {
    List<AlertRule> rules = new ArrayList<>();
    for (Map<String, Object> group : list(yaml(file).get("groups"))) {
      for (Map<String, Object> rule : list(group.get("rules"))) {
        if (rule.containsKey("alert")) {
          rules.add(new AlertRule(String.valueOf(group.get("name")), String.valueOf(rule.get("alert")),
              String.valueOf(rule.get("expr")), map(rule.get("labels")), map(rule.get("annotations"))));
        }
      }
    }
    return rules;
  }

  /** A YAML file as maps and lists; SafeConstructor makes nothing but plain values. */
  static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object yaml) {
    return yaml == null ? List.of() : (List<Map<String, Object>>) yaml;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object yaml) {
    return yaml == null ? Map.of() : (Map<String, Object>) yaml;
  }
}
