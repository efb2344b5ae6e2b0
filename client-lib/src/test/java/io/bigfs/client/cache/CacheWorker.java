package io.bigfs.client.cache;

import io.bigfs.client.CacheConfig;
import io.bigfs.client.impl.ByteSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * A reader of a shared cache directory, for tests of concurrent users: opens files picked at
 * random from a small set, reads each to the end or only its tail, and checks every byte. The
 * bound holds about three of the files, so entries are made, replaced and evicted all the time.
 * Run as a thread, or as a process of its own through {@link #main}.
 */
final class CacheWorker {
  static final int FILES = 6;
  static final long FILE_BYTES = 300_000;
  static final long BOUND = 3 * EntryFormat.entryBytes(FILE_BYTES);

  private CacheWorker() {}

  static FileCache cache(Path dir) {
    return new FileCache(new CacheConfig(dir, BOUND, BOUND));
  }

  /** Does {@code opens} reads; returns a description of the first wrong one, or null if all were right. */
  static String run(FileCache cache, int opens, long seed) throws IOException {
    Random random = new Random(seed);
    for (int i = 0; i < opens; i++) {
      CacheKey key = new CacheKey(1 + random.nextInt(FILES), 1_000, FILE_BYTES);
      long from = random.nextInt(4) == 0 ? FILE_BYTES - random.nextInt(100_000) : 0;
      byte[] expected = FakeRemote.content(key);
      byte[] got;
      try (ByteSource source = cache.open(key, "/f" + key.inodeId(), () -> new FakeRemote(key))) {
        got = FakeRemote.readFrom(source, from, 1 + random.nextInt(70_000));
      }
      if (!Arrays.equals(got, Arrays.copyOfRange(expected, (int) from, expected.length))) {
        return "open " + i + " of " + key + " from " + from + ": " + got.length + " bytes, not the file's";
      }
    }
    return null;
  }

  /** Arguments: cache directory, opens, seed. Exit code 0 when every byte read was right. */
  public static void main(String[] args) throws IOException {
    String wrong = run(cache(Path.of(args[0])), Integer.parseInt(args[1]), Long.parseLong(args[2]));
    if (wrong != null) {
      System.err.println(wrong);
      System.exit(1);
    }
  }
}
