package io.bigfs.it.monitoring;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of monitoring/grafana are dashboards that Grafana imports and draws as meant: a new
 * dashboard each, panels that fit the grid without overlapping, every query sent to the
 * Prometheus data source the importer picks, and every variable a query uses defined.
 */
class DashboardsTest {
  static final Set<String> PANEL_TYPES = Set.of("row", "stat", "timeseries", "gauge", "bargauge", "table", "text");
  /** Variables Grafana defines itself. */
  static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__interval_ms", "__range", "__range_s");
  /** $name, ${name} and ${name:format}. */
  static final Pattern VARIABLE_USE = Pattern.compile("\\$\\{?(\\w+)");
  static final String DATA_SOURCE = "${DS_PROMETHEUS}";
  static final int GRID_WIDTH = 24;

  static List<GrafanaDashboard> dashboards() throws IOException {
    return GrafanaDashboard.all();
  }

  @Test
  void thereIsAnOverviewAndOneDashboardPerKindOfServer() throws IOException {
    assertThat(dashboards()).extracting(GrafanaDashboard::file)
        .containsExactly("bigfs-chunkservers.json", "bigfs-masters.json", "bigfs-overview.json");
    assertThat(dashboards()).extracting(d -> d.json().get("uid").getAsString()).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void importsAsANewDashboard(GrafanaDashboard d) {
    JsonObject json = d.json();
    // With an id, an import would try to overwrite whichever dashboard has that id in the target Grafana.
    assertThat(json.get("id").isJsonNull()).as("id is null").isTrue();
    assertThat(json.get("uid").getAsString()).matches("[a-z0-9-]{1,40}");
    assertThat(json.get("title").getAsString()).startsWith("BigFS / ");
    assertThat(json.get("schemaVersion").getAsInt()).isPositive();
    assertThat(json.getAsJsonArray("tags")).extracting(JsonElement::getAsString).contains("bigfs");
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void panelsHaveIdsOfTheirOwnAndFitTheGridWithoutOverlapping(GrafanaDashboard d) {
    Set<Integer> ids = new HashSet<>();
    for (JsonObject p : d.panels()) {
      String title = d.file() + " panel " + p.get("title");
      assertThat(ids.add(p.get("id").getAsInt())).as(title + " has an id of its own").isTrue();
      assertThat(p.get("type").getAsString()).as(title).isIn(PANEL_TYPES);
      assertThat(p.get("title").getAsString()).as(title).isNotBlank();
    }
    List<JsonObject> top = d.topPanels();
    for (int i = 0; i < top.size(); i++) {
      Box a = Box.of(top.get(i));
      assertThat(a.x + a.w).as(top.get(i).get("title") + " fits the width").isLessThanOrEqualTo(GRID_WIDTH);
      assertThat(a.w > 0 && a.h > 0).as(top.get(i).get("title") + " has a size").isTrue();
      for (int j = i + 1; j < top.size(); j++) {
        assertThat(a.overlaps(Box.of(top.get(j))))
            .as(d.file() + ": " + top.get(i).get("title") + " overlaps " + top.get(j).get("title")).isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void everyQueryGoesToTheChosenPrometheus(GrafanaDashboard d) {
    for (JsonObject p : d.panels()) {
      List<JsonObject> targets = GrafanaDashboard.targets(p);
      String type = p.get("type").getAsString();
      if (type.equals("row") || type.equals("text")) {
        assertThat(targets).as(p.get("title") + " shows no data").isEmpty();
        continue;
      }
      assertThat(targets).as(p.get("title") + " has queries").isNotEmpty();
      assertThat(dataSource(p)).as(p.get("title") + "'s data source").isEqualTo(DATA_SOURCE);
      Set<String> refIds = new HashSet<>();
      for (JsonObject t : targets) {
        assertThat(refIds.add(t.get("refId").getAsString())).as(p.get("title") + " refIds differ").isTrue();
        assertThat(t.get("expr").getAsString()).as(p.get("title") + " " + t.get("refId")).isNotBlank();
        if (t.has("datasource")) {
          assertThat(dataSource(t)).isEqualTo(DATA_SOURCE);
        }
      }
    }
    JsonObject source = d.variables().stream().filter(v -> v.get("name").getAsString().equals("DS_PROMETHEUS"))
        .findFirst().orElseThrow(() -> new AssertionError(d.file() + " has no DS_PROMETHEUS variable"));
    assertThat(source.get("type").getAsString()).isEqualTo("datasource");
    assertThat(source.get("query").getAsString()).isEqualTo("prometheus");
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void everyVariableAQueryUsesIsDefined(GrafanaDashboard d) {
    Set<String> used = new TreeSet<>();
    for (MonitoringFiles.Query q : d.queries()) {
      Matcher m = VARIABLE_USE.matcher(q.expr());
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    used.removeAll(BUILT_IN);
    assertThat(d.variableNames()).as(d.file() + " variables").containsAll(used);
  }

  private static String dataSource(JsonObject panelOrTarget) {
    return panelOrTarget.getAsJsonObject("datasource").get("uid").getAsString();
  }

  /** A panel's place on Grafana's grid: 24 columns, rows of 30 pixels. */
  private record Box(int x, int y, int w, int h) {
    static Box of(JsonObject panel) {
      JsonObject g = panel.getAsJsonObject("gridPos");
      return new Box(g.get("x").getAsInt(), g.get("y").getAsInt(), g.get("w").getAsInt(), g.get("h").getAsInt());
    }

    boolean overlaps(Box o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }
  }
}
