package io.bigfs.it.datapath;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CacheConfig;
import io.bigfs.client.CreateOptions;
import io.bigfs.client.OpenOptions;
import io.bigfs.client.cache.CacheStats;
import io.bigfs.testing.ClusterMetrics;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's cache against a real cluster: a second read costs no chunkserver read, a file
 * rewritten by another client is read anew, the bound holds with LRU eviction, a damaged entry
 * is never served, and clients sharing a directory never see a torn entry.
 */
class ClientCacheTest {
  static final int CHUNK = 256 * 1024;
  static final Duration DEADLINE = Duration.ofSeconds(20);
  static MiniCluster cluster;
  /** Writes, and reads past any cache. */
  static BfsClient writer;

  @TempDir
  Path cacheDir;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).start();
    writer = cluster.newClient();
    writer.mkdirs("/cache");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private BfsClient cachedClient(long maxBytes) {
    return cluster.newClient(c -> c.withCache(new CacheConfig(cacheDir, maxBytes, maxBytes)));
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  static void write(String path, byte[] data) throws IOException {
    try (BfsOutputStream out = writer.create(path, CreateOptions.DEFAULT.withChunkSize(CHUNK).withOverwrite(true))) {
      out.write(data);
    }
  }

  static byte[] read(BfsClient client, String path) throws IOException {
    try (BfsInputStream in = client.open(path)) {
      return in.readAllBytes();
    }
  }

  static double readRequests(ClusterMetrics m) {
    return m.chunkserverSum("bfs_chunkserver_requests_total", Map.of("op", "read", "status", "OK"));
  }

  /** Waits until the chunkservers have counted {@code expected} more reads than {@code before}; returns the reading. */
  static ClusterMetrics awaitReads(ClusterMetrics before, int expected) {
    return Wait.forValue("chunkservers to count " + expected + " more reads", DEADLINE, () -> {
      ClusterMetrics now = ClusterMetrics.read(cluster);
      return readRequests(now) - readRequests(before) >= expected ? now : null;
    });
  }

  @Test
  void aSecondReadOfAnUnchangedFileCostsNoChunkserverRead() throws IOException {
    BfsClient cached = cachedClient(64L << 20);
    byte[] data = random(2 * CHUNK + 1000, 1);
    write("/cache/unchanged", data);
    byte[] sentinel = random(1000, 2);
    write("/cache/sentinel", sentinel);

    ClusterMetrics start = ClusterMetrics.of(cluster);
    assertThat(read(cached, "/cache/unchanged")).isEqualTo(data);
    ClusterMetrics afterMiss = awaitReads(start, 3);
    assertThat(readRequests(afterMiss) - readRequests(start)).as("one read per chunk").isEqualTo(3);

    assertThat(read(cached, "/cache/unchanged")).isEqualTo(data);
    // The chunkservers count a read after answering it: a later read past the cache, once
    // counted, shows that no read of the cached file came in between.
    try (BfsInputStream in = writer.open("/cache/sentinel", OpenOptions.DEFAULT)) {
      assertThat(in.readAllBytes()).isEqualTo(sentinel);
    }
    ClusterMetrics afterHit = awaitReads(afterMiss, 1);
    assertThat(readRequests(afterHit) - readRequests(afterMiss)).as("reads besides the sentinel's").isEqualTo(1);
    assertThat(afterHit.chunkserverSum("bfs_chunkserver_read_bytes_total", Map.of())
        - afterMiss.chunkserverSum("bfs_chunkserver_read_bytes_total", Map.of())).isEqualTo(sentinel.length);
    CacheStats s = cached.cacheStats();
    assertThat(s.hits()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(1);
    assertThat(s.entries()).isEqualTo(1);
  }

  @Test
  void aFileRewrittenByAnotherClientIsReadAnewEvenAtTheSameLength() throws IOException {
    BfsClient cached = cachedClient(64L << 20);
    byte[] first = random(CHUNK + 77, 3);
    write("/cache/rewritten", first);
    long firstInode = writer.stat("/cache/rewritten").inodeId();
    assertThat(read(cached, "/cache/rewritten")).isEqualTo(first);
    assertThat(read(cached, "/cache/rewritten")).isEqualTo(first);

    byte[] second = random(CHUNK + 77, 4);
    write("/cache/rewritten", second);
    assertThat(writer.stat("/cache/rewritten").inodeId()).as("an overwrite makes a new inode").isNotEqualTo(firstInode);
    assertThat(read(cached, "/cache/rewritten")).isEqualTo(second);
    assertThat(read(cached, "/cache/rewritten")).isEqualTo(second);
    CacheStats s = cached.cacheStats();
    assertThat(s.hits()).isEqualTo(2);
    assertThat(s.misses()).isEqualTo(2);
  }

  @Test
  void theBoundHoldsOverManyFilesAndTheLeastRecentlyUsedGoesFirst() throws IOException {
    int size = 100_000;
    long entryBytes = size + 36 + 4 * 2 + 4;
    BfsClient cached = cachedClient(4 * entryBytes);
    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      files.add(random(size, 100 + i));
      write("/cache/many-" + i, files.get(i));
    }
    for (int i = 0; i < 4; i++) {
      read(cached, "/cache/many-" + i);
    }
    read(cached, "/cache/many-0");
    read(cached, "/cache/many-4");
    assertThat(cached.cacheStats().evictions()).isEqualTo(1);
    long misses = cached.cacheStats().misses();
    assertThat(read(cached, "/cache/many-0")).isEqualTo(files.get(0));
    assertThat(cached.cacheStats().misses()).as("many-0 was used last: kept").isEqualTo(misses);
    assertThat(read(cached, "/cache/many-1")).isEqualTo(files.get(1));
    assertThat(cached.cacheStats().misses()).as("many-1 was least recently used: evicted").isEqualTo(misses + 1);

    Random order = new Random(9);
    for (int n = 0; n < 16; n++) {
      int i = order.nextInt(files.size());
      assertThat(read(cached, "/cache/many-" + i)).isEqualTo(files.get(i));
      assertThat(cached.cacheStats().bytes()).as("bytes after read %d", n).isLessThanOrEqualTo(4 * entryBytes);
    }
  }

  @Test
  void aTruncatedOrCorruptedEntryIsDetectedAndTheFileReadRemotely() throws IOException {
    BfsClient cached = cachedClient(64L << 20);
    byte[] data = random(2 * CHUNK, 5);
    write("/cache/damaged", data);
    read(cached, "/cache/damaged");

    try (FileChannel f = FileChannel.open(onlyEntry(), StandardOpenOption.WRITE)) {
      f.truncate(f.size() / 2);
    }
    ClusterMetrics before = ClusterMetrics.of(cluster);
    assertThat(read(cached, "/cache/damaged")).isEqualTo(data);
    awaitReads(before, 2);
    assertThat(cached.cacheStats().discarded()).isEqualTo(1);

    Path entry = onlyEntry();
    try (FileChannel f = FileChannel.open(entry, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      f.write(ByteBuffer.wrap(new byte[] {(byte) ~data[CHUNK]}), 36 + CHUNK);
    }
    before = ClusterMetrics.of(cluster);
    assertThat(read(cached, "/cache/damaged")).isEqualTo(data);
    awaitReads(before, 1);
    CacheStats s = cached.cacheStats();
    assertThat(s.discarded()).isEqualTo(2);
    assertThat(s.hits()).as("the corrupt entry opened fine; its damage showed mid-read").isEqualTo(1);
    assertThat(entry).as("dropped").doesNotExist();
  }

  @Test
  void clientsSharingADirectoryNeverReadATornEntry() throws Exception {
    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      files.add(random(CHUNK + 5000 * i, 200 + i));
      write("/cache/shared-" + i, files.get(i));
    }
    long bound = 2L * (CHUNK + 20_000);
    List<BfsClient> clients = List.of(cachedClient(bound), cachedClient(bound));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        BfsClient client = clients.get(t % 2);
        Random order = new Random(t);
        done.add(threads.submit(() -> {
          for (int n = 0; n < 8; n++) {
            int i = order.nextInt(files.size());
            assertThat(read(client, "/cache/shared-" + i)).as("shared-%d", i).isEqualTo(files.get(i));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    long hits = clients.get(0).cacheStats().hits() + clients.get(1).cacheStats().hits();
    assertThat(hits).isPositive();
  }

  private Path onlyEntry() throws IOException {
    try (Stream<Path> files = Files.list(cacheDir)) {
      List<Path> entries = files.filter(p -> p.toString().endsWith(".entry")).toList();
      assertThat(entries).hasSize(1);
      return entries.get(0);
    }
  }
}
