package io.bigfs.client.cache;

import io.bigfs.client.CacheConfig;
import io.bigfs.client.impl.ByteSource;
import io.bigfs.client.impl.RemoteFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A cache of whole files in one local directory, which several processes may share. An entry
 * is named after the content it holds ({@link CacheKey}), so a file changed in BigFS is simply a
 * miss; entries appear in one rename ({@link EntryWriter}) and are checked as they are read
 * ({@link EntryReader}). The bound is kept by deleting the least recently used entries, the
 * last use being the entry's modification time, which every hit and every new entry sets: a
 * clock all processes share without coordination. Cache trouble (a full disk, a damaged entry) never fails a read:
 * the file comes from the chunkservers instead.
 */
public final class FileCache {
  private static final Logger LOG = LoggerFactory.getLogger(FileCache.class);

  private final CacheConfig config;
  private final Path dir;
  private final EntryScan scan;
  /** This client's own counts, indexed by {@link CacheEvent#ordinal}. */
  private final AtomicLongArray counts = new AtomicLongArray(CacheEvent.values().length);
  private final AtomicBoolean warned = new AtomicBoolean();

  public FileCache(CacheConfig config) {
    if (!config.enabled()) {
      throw new IllegalArgumentException("no cache directory");
    }
    this.config = config;
    this.dir = config.dir();
    this.scan = new EntryScan(dir);
  }

  /** Opens the file remotely (locations from a master, bytes from chunkservers). */
  @FunctionalInterface
  public interface RemoteOpener {
    RemoteFile open() throws IOException;
  }

  public Path dir() {
    return dir;
  }

  /** True when a file may be cached: closed (its bytes are final) and small enough for one entry. */
  public boolean admits(long length, boolean underConstruction) {
    return !underConstruction && EntryFormat.entryBytes(length) <= config.maxFileBytes();
  }

  /**
   * The bytes of the file {@code key} names: from its entry when there is a sound one, else from
   * the chunkservers through {@code remote}, kept as a new entry if read to the end.
   */
  public ByteSource open(CacheKey key, String path, RemoteOpener remote) throws IOException {
    EntryReader entry = lookup(key);
    if (entry != null) {
      return new CachedSource(this, key, path, entry, remote);
    }
    return new FillingSource(this, key, remote.open(), startEntry(key));
  }

  private EntryReader lookup(CacheKey key) {
    Path file = dir.resolve(key.fileName());
    try {
      EntryReader entry = EntryReader.open(file, key);
      touch(file);
      count(CacheEvent.HIT, 1);
      return entry;
    } catch (NoSuchFileException e) {
      // a plain miss
    } catch (CorruptEntry e) {
      discard(file, e);
    } catch (IOException e) {
      unreadable(file, e);
    }
    count(CacheEvent.MISS, 1);
    return null;
  }

  /** Marks an entry as just used, for LRU eviction. */
  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      LOG.debug("{}: not touched (evicted meanwhile?): {}", file, e.getMessage());
    }
  }

  private EntryWriter startEntry(CacheKey key) {
    try {
      return EntryWriter.create(dir, key);
    } catch (IOException e) {
      warnOnce("cannot write to the cache", e);
      return null;
    }
  }

  /** Puts a fully written entry in place, then evicts down to the bound. */
  void commit(EntryWriter writer) {
    try {
      // Stamped like a hit: the kernel's own write times are coarser than the clock hits use.
      touch(writer.commit());
      evict();
    } catch (IOException e) {
      warnOnce("cannot write to the cache", e);
    }
  }

  void abandon(EntryWriter writer, IOException why) {
    warnOnce("cannot write to the cache", why);
    writer.abort();
  }

  /** An entry that could not be read for a reason other than damage: left alone, read remotely this time. */
  void unreadable(Path file, IOException why) {
    warnOnce("cannot read " + file.getFileName(), why);
  }

  /** Drops a damaged entry. */
  void discard(Path file, CorruptEntry why) {
    LOG.warn("dropping damaged cache entry: {}", why.getMessage());
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("{}: cannot delete: {}", file, e.getMessage());
    }
    count(CacheEvent.DISCARD, 1);
  }

  /** Deletes the least recently used entries until the bound holds; returns how many went. */
  int evict() throws IOException {
    int evicted = SharedCounters.holdingLock(dir, () -> {
      int n = scan.evictDownTo(config.maxBytes());
      if (n > 0) {
        SharedCounters.add(dir, CacheEvent.EVICTION, n);
      }
      return n;
    });
    counts.addAndGet(CacheEvent.EVICTION.ordinal(), evicted);
    return evicted;
  }

  private void count(CacheEvent event, long n) {
    counts.addAndGet(event.ordinal(), n);
    try {
      SharedCounters.holdingLock(dir, () -> {
        SharedCounters.add(dir, event, n);
        return null;
      });
    } catch (IOException e) {
      warnOnce("cannot update the cache's counts", e);
    }
  }

  /** The counts of every process using the directory since it was last cleared, and what it holds. */
  public CacheStats stats() throws IOException {
    if (!Files.isDirectory(dir)) {
      return new CacheStats(0, 0, 0, 0, 0, 0, config.maxBytes());
    }
    long[] shared = SharedCounters.holdingLock(dir, () -> SharedCounters.read(dir));
    return stats(shared);
  }

  /** This client's counts, and what the directory holds. */
  public CacheStats clientStats() throws IOException {
    long[] mine = new long[counts.length()];
    for (int i = 0; i < mine.length; i++) {
      mine[i] = counts.get(i);
    }
    return stats(mine);
  }

  private CacheStats stats(long[] c) throws IOException {
    EntryScan.Usage usage = scan.usage();
    return new CacheStats(c[CacheEvent.HIT.ordinal()], c[CacheEvent.MISS.ordinal()],
        c[CacheEvent.EVICTION.ordinal()], c[CacheEvent.DISCARD.ordinal()], usage.entries(), usage.bytes(),
        config.maxBytes());
  }

  /** Deletes every entry and sets the counts to zero; returns how many entries went. */
  public int clear() throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    return SharedCounters.holdingLock(dir, () -> {
      int n = scan.evictDownTo(0);
      SharedCounters.clear(dir);
      return n;
    });
  }

  private void warnOnce(String what, IOException e) {
    if (warned.compareAndSet(false, true)) {
      LOG.warn("{} in {}: {} (reads go on without it)", what, dir, e.toString());
    } else {
      LOG.debug("{} in {}: {}", what, dir, e.toString());
    }
  }
}
