package io.bigfs.client.cache;

import io.bigfs.common.Checksums;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The counts of every process that uses one cache directory, since it was last cleared, kept in
 * a small file there, and the lock that serialises changes to the directory's bookkeeping
 * (counts, eviction) across threads and processes. A damaged counts file reads as zeros: the
 * counts are for people, the entries are what matters.
 */
final class SharedCounters {
  static final String COUNTS_FILE = "counts";
  static final String LOCK_FILE = "lock";
  private static final int KINDS = CacheEvent.values().length;
  private static final int FILE_BYTES = 8 * KINDS + 4;
  /** A FileLock belongs to the whole process, so the threads of one process queue here first. */
  private static final Object PROCESS_LOCK = new Object();

  private SharedCounters() {}

  /** Work done while holding the directory's lock. */
  @FunctionalInterface
  interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding the lock of {@code dir}: one thread of one process at a time. */
  static <T> T holdingLock(Path dir, Locked<T> work) throws IOException {
    synchronized (PROCESS_LOCK) {
      Files.createDirectories(dir);
      try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
        return work.run();
      }
    }
  }

  /** The counts, indexed by {@link CacheEvent#ordinal}; call holding the lock. */
  static long[] read(Path dir) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve(COUNTS_FILE));
    } catch (NoSuchFileException e) {
      return new long[KINDS];
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (bytes.length != FILE_BYTES || Checksums.crc(bytes, 0, FILE_BYTES - 4) != b.getInt(FILE_BYTES - 4)) {
      return new long[KINDS];
    }
    long[] counts = new long[KINDS];
    for (int i = 0; i < KINDS; i++) {
      counts[i] = b.getLong();
    }
    return counts;
  }

  /** Adds {@code n} to one count; call holding the lock. */
  static void add(Path dir, CacheEvent event, long n) throws IOException {
    long[] counts = read(dir);
    counts[event.ordinal()] += n;
    write(dir, counts);
  }

  /** Sets every count to zero; call holding the lock. */
  static void clear(Path dir) throws IOException {
    write(dir, new long[KINDS]);
  }

  private static void write(Path dir, long[] counts) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(FILE_BYTES);
    for (long c : counts) {
      b.putLong(c);
    }
    b.putInt(Checksums.crc(b.array(), 0, FILE_BYTES - 4));
    Files.write(dir.resolve(COUNTS_FILE), b.array());
  }
}
