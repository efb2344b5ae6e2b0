package io.bigfs.client.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The entries of a cache directory as a listing finds them: for the bound, the stats and clearing. */
final class EntryScan {
  /** A temporary file untouched this long was left by a process that died while writing it. */
  static final long STALE_TEMP_MS = 3_600_000;

  private final Path dir;

  EntryScan(Path dir) {
    this.dir = dir;
  }

  /** An entry file, with the time it was last used. */
  record Entry(Path file, long bytes, FileTime lastUsed) {}

  /** How many entries there are and the bytes they take. */
  record Usage(long entries, long bytes) {}

  List<Entry> entries() throws IOException {
    List<Entry> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + CacheKey.ENTRY_SUFFIX)) {
      for (Path file : files) {
        try {
          BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
          found.add(new Entry(file, a.size(), a.lastModifiedTime()));
        } catch (NoSuchFileException e) {
          // evicted by another process while listed
        }
      }
    }
    return found;
  }

  Usage usage() throws IOException {
    List<Entry> all = entries();
    return new Usage(all.size(), all.stream().mapToLong(Entry::bytes).sum());
  }

  /**
   * Deletes the least recently used entries until the rest take at most {@code maxBytes}, and
   * temporary files abandoned by dead processes; returns how many entries went.
   */
  int evictDownTo(long maxBytes) throws IOException {
    sweepStaleTemporaryFiles(System.currentTimeMillis());
    List<Entry> all = entries();
    all.sort(Comparator.comparing(Entry::lastUsed).thenComparing(e -> e.file().getFileName().toString()));
    long total = all.stream().mapToLong(Entry::bytes).sum();
    int evicted = 0;
    for (Entry e : all) {
      if (total <= maxBytes) {
        break;
      }
      if (Files.deleteIfExists(e.file())) {
        evicted++;
      }
      total -= e.bytes();
    }
    return evicted;
  }

  private void sweepStaleTemporaryFiles(long nowMs) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + EntryWriter.TEMP_SUFFIX)) {
      for (Path file : files) {
        try {
          if (nowMs - Files.getLastModifiedTime(file).toMillis() > STALE_TEMP_MS) {
            Files.deleteIfExists(file);
          }
        } catch (NoSuchFileException e) {
          // committed or abandoned meanwhile
        }
      }
    }
  }
}
