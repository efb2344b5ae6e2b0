package io.bigfs.master.access;

import io.bigfs.common.BfsException;
import io.bigfs.master.namespace.Limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups each user belongs to, as the master's groups file says: one {@code user = group,
 * group} a line, {@code #} starts a comment. A user the file does not name is in no group. Read
 * once at start: the master, not the client, decides membership, so a client cannot join the
 * supergroup by saying so.
 */
public final class GroupMapping {
  private final Map<String, List<String>> groups;

  private GroupMapping(Map<String, List<String>> groups) {
    this.groups = groups;
  }

  public static GroupMapping none() {
    return new GroupMapping(Map.of());
  }

  /** Parses {@code file}; a bad line fails the start with its number. */
  public static GroupMapping load(Path file) throws IOException {
    Map<String, List<String>> groups = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        parseLine(line, groups);
      } catch (BfsException | IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage()
            + " (expected 'user = group, group')", e);
      }
    }
    return new GroupMapping(Map.copyOf(groups));
  }

  private static void parseLine(String line, Map<String, List<String>> groups) throws BfsException {
    int eq = line.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("no '='");
    }
    String user = Limits.principal("user", line.substring(0, eq).strip());
    List<String> names = new ArrayList<>(groups.getOrDefault(user, List.of()));
    for (String g : line.substring(eq + 1).split(",")) {
      if (!g.isBlank()) {
        names.add(Limits.principal("group", g.strip()));
      }
    }
    groups.put(user, List.copyOf(names));
  }

  public List<String> groupsOf(String user) {
    return groups.getOrDefault(user, List.of());
  }
}
