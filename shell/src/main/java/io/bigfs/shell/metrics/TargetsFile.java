package io.bigfs.shell.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import io.bigfs.common.BfsException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the /metrics pages of a cluster are, in the format of Prometheus' file_sd: a list of
 * groups, each with {@code targets} (host:port) and {@code labels}. Prometheus scrapes the
 * same file that bfs admin top reads, so the two never disagree; {@code bfs local start} writes
 * one for the local cluster and a deployment writes one per cluster.
 */
public final class TargetsFile {
  /** The file's name in a local cluster's directory. */
  public static final String LOCAL_NAME = "prometheus-targets.json";
  public static final String MASTER_JOB = "bigfs-master";
  public static final String CHUNKSERVER_JOB = "bigfs-chunkserver";

  private TargetsFile() {}

  /** One group: the addresses of one kind of node and the labels Prometheus gives them. */
  public record Group(List<String> targets, Map<String, String> labels) {}

  public static void write(Path file, List<Group> groups) throws IOException {
    StringWriter text = new StringWriter();
    JsonWriter json = new JsonWriter(text);
    json.setIndent("  ");
    json.beginArray();
    for (Group g : groups) {
      json.beginObject().name("targets").beginArray();
      for (String t : g.targets()) {
        json.value(t);
      }
      json.endArray().name("labels").beginObject();
      for (Map.Entry<String, String> label : new TreeMap<>(g.labels()).entrySet()) {
        json.name(label.getKey()).value(label.getValue());
      }
      json.endObject().endObject();
    }
    json.endArray().flush();
    // Prometheus watches the file: a new one moved into place is never read half written.
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Every target of every group, in file order. */
  public static List<String> read(Path file) throws BfsException {
    try {
      JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      List<String> targets = new ArrayList<>();
      for (JsonElement group : root.getAsJsonArray()) {
        JsonObject g = group.getAsJsonObject();
        JsonArray list = g.getAsJsonArray("targets");
        if (list == null) {
          throw new JsonParseException("a group without targets");
        }
        list.forEach(t -> targets.add(t.getAsString()));
      }
      return targets;
    } catch (IOException e) {
      throw BfsException.invalid("cannot read " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw BfsException.invalid(file + " is not a Prometheus targets file ([{\"targets\": [\"host:port\", ...]}]): "
          + e.getMessage());
    }
  }
}
