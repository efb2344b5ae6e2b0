package io.bigfs.it.monitoring;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bigfs.it.monitoring.MonitoringFiles.Query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One dashboard file of monitoring/grafana, in Grafana's JSON model. */
record GrafanaDashboard(String file, JsonObject json) {
  /** A variable filled from Prometheus: {@code label_values(metric{...}, label)} or {@code query_result(expr)}. */
  private static final Pattern VARIABLE_QUERY =
      Pattern.compile("\\s*(?:label_values\\((.+),\\s*\\w+\\s*\\)|query_result\\((.+)\\))\\s*");

  static List<GrafanaDashboard> all() throws IOException {
    List<GrafanaDashboard> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(MonitoringFiles.GRAFANA)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        all.add(new GrafanaDashboard(f.getFileName().toString(), JsonParser.parseString(text).getAsJsonObject()));
      }
    }
    return all;
  }

  /** The panels at the top level, rows included. */
  List<JsonObject> topPanels() {
    List<JsonObject> panels = new ArrayList<>();
    json.getAsJsonArray("panels").forEach(p -> panels.add(p.getAsJsonObject()));
    return panels;
  }

  /** Every panel, those folded into collapsed rows too. */
  List<JsonObject> panels() {
    List<JsonObject> panels = new ArrayList<>();
    for (JsonObject p : topPanels()) {
      panels.add(p);
      if (p.has("panels")) {
        p.getAsJsonArray("panels").forEach(inner -> panels.add(inner.getAsJsonObject()));
      }
    }
    return panels;
  }

  List<JsonObject> variables() {
    List<JsonObject> variables = new ArrayList<>();
    json.getAsJsonObject("templating").getAsJsonArray("list").forEach(v -> variables.add(v.getAsJsonObject()));
    return variables;
  }

  Set<String> variableNames() {
    Set<String> names = new TreeSet<>();
    variables().forEach(v -> names.add(v.get("name").getAsString()));
    return names;
  }

  /** The PromQL of every panel query and of every variable filled by a query. */
  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonObject panel : panels()) {
      for (JsonObject target : targets(panel)) {
        String where = file + ", panel \"" + panel.get("title").getAsString() + "\" query "
            + (target.has("refId") ? target.get("refId").getAsString() : "?");
        queries.add(new Query(where, target.has("expr") ? target.get("expr").getAsString() : ""));
      }
    }
    for (JsonObject v : variables()) {
      if (v.get("type").getAsString().equals("query")) {
        Matcher m = VARIABLE_QUERY.matcher(variableQuery(v));
        if (m.matches()) {
          queries.add(new Query(file + ", variable $" + v.get("name").getAsString(),
              m.group(1) != null ? m.group(1) : m.group(2)));
        }
      }
    }
    return queries;
  }

  /** A panel's queries; rows and text panels have none. */
  static List<JsonObject> targets(JsonObject panel) {
    List<JsonObject> targets = new ArrayList<>();
    JsonArray array = panel.has("targets") ? panel.getAsJsonArray("targets") : new JsonArray();
    array.forEach(t -> targets.add(t.getAsJsonObject()));
    return targets;
  }

  /** Grafana writes a variable's query as a string, or (since 9) as an object with a query field. */
  private static String variableQuery(JsonObject variable) {
    JsonElement q = variable.get("query");
    return q.isJsonObject() ? q.getAsJsonObject().get("query").getAsString() : q.getAsString();
  }
}
