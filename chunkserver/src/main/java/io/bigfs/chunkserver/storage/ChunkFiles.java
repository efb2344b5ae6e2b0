package io.bigfs.chunkserver.storage;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of chunk files. A chunk is {@code <id>_<version>.chunk} plus {@code <id>_<version>.crc};
 * finalized chunks live in {@code current/<id % 256 as two hex digits>/}, chunks being written
 * in {@code tmp/}. Names are made from numbers only: no client input ever becomes a path.
 */
public final class ChunkFiles {
  public static final String CURRENT = "current";
  public static final String TMP = "tmp";
  private static final Pattern DATA = Pattern.compile("(\\d{1,19})_(\\d{1,19})\\.chunk");

  private ChunkFiles() {}

  static Path finalizedData(Path dir, long chunkId, long version) {
    return dir.resolve(CURRENT).resolve(String.format("%02x", chunkId & 0xff)).resolve(name(chunkId, version));
  }

  static Path temporaryData(Path dir, long chunkId, long version) {
    return dir.resolve(TMP).resolve(name(chunkId, version));
  }

  static Path checksumFileOf(Path dataFile) {
    String name = dataFile.getFileName().toString();
    return dataFile.resolveSibling(name.substring(0, name.length() - ".chunk".length()) + ".crc");
  }

  private static String name(long chunkId, long version) {
    if (chunkId <= 0 || version <= 0) {
      throw new IllegalArgumentException("chunk id and version must be positive");
    }
    return chunkId + "_" + version + ".chunk";
  }

  /** {chunkId, version} of a data file name, or null if the name is not one. */
  static long[] parse(String fileName) {
    Matcher m = DATA.matcher(fileName);
    if (!m.matches()) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
