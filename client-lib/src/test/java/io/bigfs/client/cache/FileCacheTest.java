package io.bigfs.client.cache;

import io.bigfs.client.CacheConfig;
import io.bigfs.client.impl.ByteSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.bigfs.client.cache.FakeRemote.content;
import static io.bigfs.client.cache.FakeRemote.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache on its own, with files "on the chunkservers" faked in memory. */
class FileCacheTest {
  private static final long LENGTH = 300_000;
  private static final CacheKey KEY = new CacheKey(7, 1_000, LENGTH);

  @TempDir
  Path dir;

  /** How often a file was opened on the chunkservers. */
  private final AtomicInteger remoteOpens = new AtomicInteger();

  private FileCache cache(long maxBytes) {
    return new FileCache(new CacheConfig(dir, maxBytes, maxBytes));
  }

  private FileCache cache() {
    return cache(100L << 20);
  }

  private FileCache.RemoteOpener remote(CacheKey served, boolean changedWhileRead) {
    return () -> {
      remoteOpens.incrementAndGet();
      return new FakeRemote(served, changedWhileRead);
    };
  }

  private byte[] read(FileCache cache, CacheKey key) throws IOException {
    try (ByteSource source = cache.open(key, "/f", remote(key, false))) {
      return readAll(source);
    }
  }

  /** A cache holding an entry for {@link #KEY}. */
  private FileCache filled() throws IOException {
    FileCache cache = cache();
    read(cache, KEY);
    return cache;
  }

  private Path entry(CacheKey key) {
    return dir.resolve(key.fileName());
  }

  private String[] names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 65_535, 65_536, 65_537, LENGTH})
  void aFileReadToTheEndIsServedFromItsEntryTheNextTime(long length) throws IOException {
    FileCache cache = cache();
    CacheKey key = new CacheKey(7, 1_000, length);
    assertThat(read(cache, key)).isEqualTo(content(key));
    assertThat(read(cache, key)).isEqualTo(content(key));
    assertThat(remoteOpens).as("opened on the chunkservers").hasValue(1);
    assertThat(cache.clientStats()).isEqualTo(new CacheStats(1, 1, 0, 0, 1, EntryFormat.entryBytes(length), 100L << 20));
  }

  @Test
  void aNewVersionOfTheFileIsAMiss() throws IOException {
    FileCache cache = cache();
    CacheKey before = new CacheKey(7, 1_000, LENGTH);
    CacheKey overwritten = new CacheKey(9, 2_000, LENGTH);
    read(cache, before);
    assertThat(read(cache, overwritten)).isEqualTo(content(overwritten));
    assertThat(remoteOpens).hasValue(2);
  }

  @Test
  void aReaderThatStopsShortLeavesNoEntryAndNoTemporaryFile() throws IOException {
    FileCache cache = cache();
    CacheKey key = new CacheKey(7, 1_000, LENGTH);
    try (ByteSource source = cache.open(key, "/f", remote(key, false))) {
      assertThat(FakeRemote.readFrom(source, LENGTH - 1024, 8192))
          .isEqualTo(Arrays.copyOfRange(content(key), (int) LENGTH - 1024, (int) LENGTH));
    }
    assertThat(names()).noneMatch(n -> n.endsWith(CacheKey.ENTRY_SUFFIX) || n.endsWith(EntryWriter.TEMP_SUFFIX));
  }

  @Test
  void aFileThatChangedWhileItWasReadIsNotKept() throws IOException {
    FileCache cache = cache();
    CacheKey key = new CacheKey(7, 1_000, LENGTH);
    try (ByteSource source = cache.open(key, "/f", remote(key, true))) {
      readAll(source);
    }
    assertThat(entry(key)).doesNotExist();
  }

  @Test
  void aTruncatedEntryIsDroppedAndTheFileReadRemotelyAndKeptAgain() throws IOException {
    FileCache cache = filled();
    try (FileChannel f = FileChannel.open(entry(KEY), StandardOpenOption.WRITE)) {
      f.truncate(f.size() - 10);
    }
    assertThat(read(cache, KEY)).isEqualTo(content(KEY));
    assertThat(read(cache, KEY)).isEqualTo(content(KEY));
    assertThat(remoteOpens).as("the fill, then the read after the damage").hasValue(2);
    CacheStats s = cache.clientStats();
    assertThat(s.discarded()).isEqualTo(1);
    assertThat(s.hits()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(2);
  }

  /** Damage in the header, in a data block, in the checksum table: the bytes read are still right. */
  @ParameterizedTest
  @ValueSource(longs = {3, EntryFormat.HEADER_BYTES + 200_000, EntryFormat.HEADER_BYTES + LENGTH + 9})
  void aDamagedByteAnywhereIsCaughtAndTheFileReadRemotely(long offset) throws IOException {
    FileCache cache = filled();
    flipByte(entry(KEY), offset);
    assertThat(read(cache, KEY)).isEqualTo(content(KEY));
    assertThat(remoteOpens).hasValue(2);
    assertThat(cache.clientStats().discarded()).isEqualTo(1);
  }

  @Test
  void aBlockFoundDamagedMidReadSwitchesToTheChunkserversWithoutAnError() throws IOException {
    FileCache cache = filled();
    flipByte(entry(KEY), EntryFormat.HEADER_BYTES + 200_000);
    try (ByteSource source = cache.open(KEY, "/f", remote(KEY, false))) {
      assertThat(source).isInstanceOf(CachedSource.class);
      byte[] head = new byte[100_000];
      assertThat(source.read(0, head, 0, head.length, true)).isEqualTo(head.length);
      assertThat(remoteOpens).as("the first blocks came from the entry").hasValue(1);
      assertThat(FakeRemote.readFrom(source, 100_000, 8192))
          .isEqualTo(Arrays.copyOfRange(content(KEY), 100_000, (int) LENGTH));
    }
    assertThat(remoteOpens).hasValue(2);
    assertThat(entry(KEY)).doesNotExist();
  }

  @Test
  void aDamagedEntryOfAFileOverwrittenMeanwhileFailsTheReadRatherThanMixVersions() throws IOException {
    FileCache cache = filled();
    flipByte(entry(KEY), EntryFormat.HEADER_BYTES + 200_000);
    CacheKey overwritten = new CacheKey(9, 2_000, LENGTH);
    try (ByteSource source = cache.open(KEY, "/f", remote(overwritten, false))) {
      assertThatThrownBy(() -> readAll(source)).hasMessageContaining("/f: replaced while being read");
    }
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvictedFirst() throws IOException {
    long entryBytes = EntryFormat.entryBytes(LENGTH);
    FileCache cache = cache(4 * entryBytes);
    CacheKey[] keys = new CacheKey[5];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new CacheKey(10 + i, 1_000, LENGTH);
    }
    for (int i = 0; i < 4; i++) {
      read(cache, keys[i]);
    }
    read(cache, keys[0]);
    read(cache, keys[4]);
    assertThat(entry(keys[1])).as("least recently used").doesNotExist();
    for (int i : new int[] {0, 2, 3, 4}) {
      assertThat(entry(keys[i])).exists();
    }
    assertThat(cache.clientStats().evictions()).isEqualTo(1);
    assertThat(cache.clientStats().bytes()).isEqualTo(4 * entryBytes);
  }

  @Test
  void underAWorkloadOfManyFilesTheBoundAlwaysHolds() throws IOException {
    long bound = 1_000_000;
    FileCache cache = new FileCache(new CacheConfig(dir, bound, bound / 4));
    Random random = new Random(5);
    CacheKey[] keys = new CacheKey[25];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new CacheKey(100 + i, 1_000, 1 + random.nextInt(200_000));
    }
    for (int i = 0; i < 80; i++) {
      CacheKey key = keys[random.nextInt(keys.length)];
      assertThat(read(cache, key)).isEqualTo(content(key));
      assertThat(cache.clientStats().bytes()).as("bytes after read %d", i).isLessThanOrEqualTo(bound);
    }
    CacheStats s = cache.clientStats();
    assertThat(s.hits()).isPositive();
    assertThat(s.evictions()).isPositive();
    assertThat(s.hits() + s.misses()).isEqualTo(80);
  }

  @Test
  void onlyClosedFilesThatFitOneEntryAreAdmitted() {
    FileCache cache = new FileCache(new CacheConfig(dir, 10_000_000, 1_000_000));
    long largest = 1_000_000 - EntryFormat.entryBytes(0) - 4L * 16;
    assertThat(EntryFormat.entryBytes(largest)).isEqualTo(1_000_000);
    assertThat(cache.admits(largest, false)).isTrue();
    assertThat(cache.admits(largest + 1, false)).isFalse();
    assertThat(cache.admits(10, true)).as("being written").isFalse();
  }

  @Test
  void theCountsOfEveryUserOfTheDirectoryAddUpAndClearResetsThem() throws IOException {
    FileCache one = cache();
    FileCache other = cache();
    CacheKey key = new CacheKey(7, 1_000, LENGTH);
    read(one, key);
    read(other, key);
    assertThat(one.clientStats().misses()).isEqualTo(1);
    assertThat(other.clientStats().hits()).isEqualTo(1);
    assertThat(one.stats()).isEqualTo(new CacheStats(1, 1, 0, 0, 1, EntryFormat.entryBytes(LENGTH), 100L << 20));
    assertThat(other.clear()).isEqualTo(1);
    assertThat(one.stats()).isEqualTo(new CacheStats(0, 0, 0, 0, 0, 0, 100L << 20));
  }

  @Test
  void aTemporaryFileLeftByADeadProcessIsSweptAndALiveOneIsNot() throws IOException {
    FileCache cache = cache();
    Path stale = Files.write(dir.resolve("1-1-1.entry.dead" + EntryWriter.TEMP_SUFFIX), new byte[10]);
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusMillis(EntryScan.STALE_TEMP_MS + 60_000)));
    Path live = Files.write(dir.resolve("2-2-2.entry.busy" + EntryWriter.TEMP_SUFFIX), new byte[10]);
    read(cache, new CacheKey(7, 1_000, LENGTH));
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
  }

  @Test
  void statsOfACacheNeverUsedAreZeroAndMakeNoDirectory() throws IOException {
    Path missing = dir.resolve("never");
    CacheStats s = new FileCache(CacheConfig.at(missing)).stats();
    assertThat(s).isEqualTo(new CacheStats(0, 0, 0, 0, 0, 0, CacheConfig.DEFAULT_MAX_BYTES));
    assertThat(missing).doesNotExist();
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel f = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      f.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
      f.write(b, offset);
    }
  }
}
