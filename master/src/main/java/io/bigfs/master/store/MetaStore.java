package io.bigfs.master.store;

import io.bigfs.common.FileTrees;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * The master's RocksDB. RocksDB's own WAL is off: the Raft log is the write-ahead log. Each
 * Raft entry is one atomic batch that also records the entry's index, and flushes are atomic
 * across column families, so after a crash the stored applied index says exactly which entries
 * Ratis must replay. Snapshots are checkpoints (hard links), cheap enough to take inline.
 */
public final class MetaStore implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  /** Written last into a snapshot directory: a snapshot without it is incomplete. */
  public static final String SNAPSHOT_MARKER = "BFS_SNAPSHOT_COMPLETE";
  static final byte[] APPLIED = Keys.meta("applied");

  private final Path dir;
  private final long cacheBytes;
  /** Queries and transactions share the store; swapping in a snapshot excludes both. */
  private final ReadWriteLock swapLock = new ReentrantReadWriteLock();
  private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
  private RocksDB db;
  private DBOptions dbOptions;
  private ColumnFamilyOptions cfOptions;
  private LRUCache cache;
  private Map<Cf, ColumnFamilyHandle> handles;
  private List<ColumnFamilyHandle> allHandles;

  private MetaStore(Path dir, long cacheBytes) {
    this.dir = dir;
    this.cacheBytes = cacheBytes;
  }

  /** Opens (creating if needed) the store in {@code dir}. */
  public static MetaStore open(Path dir, long cacheBytes) throws IOException {
    MetaStore store = new MetaStore(dir, cacheBytes);
    store.openDb();
    return store;
  }

  private void openDb() throws IOException {
    Files.createDirectories(dir);
    cache = new LRUCache(cacheBytes);
    dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setAtomicFlush(true)
        .setMaxBackgroundJobs(2);
    cfOptions = new ColumnFamilyOptions()
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(new BloomFilter(10, false)));
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (Cf cf : Cf.values()) {
      descriptors.add(new ColumnFamilyDescriptor(cf.nameBytes(), cfOptions));
    }
    allHandles = new ArrayList<>();
    try {
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
    } catch (RocksDBException e) {
      throw new IOException("cannot open the metadata store in " + dir + ": " + e.getMessage(), e);
    }
    handles = new EnumMap<>(Cf.class);
    for (Cf cf : Cf.values()) {
      handles.put(cf, allHandles.get(cf.ordinal() + 1));
    }
  }

  ColumnFamilyHandle handle(Cf cf) {
    return handles.get(cf);
  }

  RocksDB db() {
    return db;
  }

  /** A transaction for one Raft entry; holds the store until committed or closed. */
  public Txn begin() {
    swapLock.readLock().lock();
    return new Txn(this, swapLock.readLock()::unlock);
  }

  void write(Txn txn) throws IOException {
    try {
      db.write(writeOptions, txn.batch());
    } catch (RocksDBException e) {
      throw new IOException("metadata write failed: " + e.getMessage(), e);
    }
  }

  /** A consistent read-only view (a RocksDB snapshot) for one query. Close it. */
  public View view() {
    swapLock.readLock().lock();
    Snapshot snapshot = db.getSnapshot();
    ReadOptions options = new ReadOptions().setSnapshot(snapshot);
    return new View(this, options, () -> {
      options.close();
      db.releaseSnapshot(snapshot);
      swapLock.readLock().unlock();
    });
  }

  /** The Raft term and index of the last entry written, or {0, -1} for an empty store. */
  public long[] appliedTermIndex() {
    try (View view = view()) {
      return appliedTermIndex(view);
    }
  }

  static long[] appliedTermIndex(KvReader view) {
    byte[] v = view.get(Cf.META, APPLIED);
    if (v == null) {
      return new long[] {0, -1};
    }
    ByteBuffer b = ByteBuffer.wrap(v);
    return new long[] {b.getLong(), b.getLong()};
  }

  static void putApplied(Txn txn, long term, long index) {
    txn.put(Cf.META, APPLIED, ByteBuffer.allocate(16).putLong(term).putLong(index).array());
  }

  /** Flushes memtables and writes a checkpoint of the whole store into {@code target} (must not exist). */
  public void checkpoint(Path target) throws IOException {
    swapLock.readLock().lock();
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
         Checkpoint checkpoint = Checkpoint.create(db)) {
      db.flush(flush, allHandles);
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new IOException("checkpoint into " + target + " failed: " + e.getMessage(), e);
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /**
   * Replaces the whole store with the checkpoint in {@code source} (a snapshot installed from
   * the leader). SST files are immutable, so they are hard-linked; the rest is copied, because
   * RocksDB appends to its MANIFEST and the checkpoint must stay intact.
   */
  public void replaceWith(Path source) throws IOException {
    swapLock.writeLock().lock();
    try {
      closeDb();
      FileTrees.delete(dir);
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (!Files.isRegularFile(file) || !isDbFile(name)) {
            continue;
          }
          Path target = dir.resolve(name);
          if (name.endsWith(".sst")) {
            Files.createLink(target, file);
          } else {
            Files.copy(file, target);
          }
        }
      }
      openDb();
    } finally {
      swapLock.writeLock().unlock();
    }
  }

  /**
   * Whether a file of a checkpoint directory belongs to RocksDB; Ratis adds ".md5" files beside
   * the files it transfers, and snapshots carry a completion marker.
   */
  public static boolean isDbFile(String name) {
    return !name.endsWith(".md5") && !name.equals(SNAPSHOT_MARKER);
  }

  /** Whether the store has never applied an entry. */
  public boolean isEmpty() {
    return appliedTermIndex()[1] < 0;
  }

  public Path dir() {
    return dir;
  }

  /** Approximate on-disk size, for metrics. */
  public long liveDataBytes() {
    swapLock.readLock().lock();
    try {
      long total = 0;
      for (ColumnFamilyHandle h : handles.values()) {
        total += db.getLongProperty(h, "rocksdb.live-sst-files-size");
      }
      return total;
    } catch (RocksDBException e) {
      return -1;
    } finally {
      swapLock.readLock().unlock();
    }
  }

  private void closeDb() {
    if (db == null) {
      return;
    }
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush, allHandles);
    } catch (RocksDBException e) {
      // The Raft log still holds every entry since the last flush; replay recovers them.
    }
    allHandles.forEach(ColumnFamilyHandle::close);
    db.close();
    db = null;
    cfOptions.close();
    dbOptions.close();
    cache.close();
  }

  @Override
  public void close() {
    swapLock.writeLock().lock();
    try {
      closeDb();
      writeOptions.close();
    } finally {
      swapLock.writeLock().unlock();
    }
  }
}
