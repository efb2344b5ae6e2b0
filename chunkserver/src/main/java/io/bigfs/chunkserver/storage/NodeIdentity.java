package io.bigfs.chunkserver.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The node's stable identity: a uuid written into every data directory. A directory that
 * carries another node's uuid is refused, so disks moved between nodes are noticed.
 */
public final class NodeIdentity {
  static final String FILE = "bfs-node.properties";

  private NodeIdentity() {}

  public static String loadOrCreate(List<Path> dirs) throws IOException {
    String uuid = null;
    for (Path dir : dirs) {
      String found = read(dir);
      if (found != null && uuid != null && !found.equals(uuid)) {
        throw new IOException(dir + " belongs to node " + found + ", not " + uuid);
      }
      if (found != null) {
        uuid = found;
      }
    }
    if (uuid == null) {
      uuid = UUID.randomUUID().toString();
    }
    for (Path dir : dirs) {
      if (read(dir) == null) {
        write(dir, uuid);
      }
    }
    return uuid;
  }

  private static String read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String uuid = p.getProperty("uuid");
    if (uuid == null || uuid.isBlank()) {
      throw new IOException(file + " has no uuid");
    }
    return uuid.trim();
  }

  private static void write(Path dir, String uuid) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE + ".tmp");
    Properties p = new Properties();
    p.setProperty("uuid", uuid);
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(out, "BigFS chunkserver identity: do not edit or copy to another node");
    }
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
  }
}
