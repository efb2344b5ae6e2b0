package io.bigfs.master.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The writes of one Raft entry, applied atomically at {@link #commit}. Reads see the
 * transaction's own writes, so the commands of one batch build on each other. Save points let
 * one failed command of a batch be undone without touching the others.
 *
 * <p>What the transaction has read is kept by key until it ends: the commands of one batch walk
 * the same directories (the root, the parents of their entries), and a read through RocksDB's
 * JNI costs more than a map lookup (about 1.5 us, six of them per mkdir: the apply's largest
 * cost, see bench/NOTES.md). Reads answered from the map see exactly what the batch would
 * answer: every write goes through {@link #put} or {@link #delete}, which update a key the map
 * holds, and undoing to a save point forgets everything. Only keys read are kept, so a command
 * that writes without reading (a recursive delete of a large tree) adds nothing to the heap.
 */
public final class Txn implements KvReader, AutoCloseable {
  private final MetaStore store;
  private final Runnable release;
  private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
  private final ReadOptions readOptions = new ReadOptions();
  private final Map<CachedKey, byte[]> seen = new HashMap<>();
  private boolean closed;

  /** Marks a key known to be absent (compared by identity: an empty value is a value). */
  private static final byte[] ABSENT = new byte[0];

  private record CachedKey(Cf cf, ByteBuffer key) {
    static CachedKey of(Cf cf, byte[] key) {
      return new CachedKey(cf, ByteBuffer.wrap(key));
    }
  }

  Txn(MetaStore store, Runnable release) {
    this.store = store;
    this.release = release;
  }

  WriteBatchWithIndex batch() {
    return batch;
  }

  @Override
  public byte[] get(Cf cf, byte[] key) {
    byte[] value = seen.get(CachedKey.of(cf, key));
    if (value == null) {
      try {
        value = batch.getFromBatchAndDB(store.db(), store.handle(cf), readOptions, key);
      } catch (RocksDBException e) {
        throw new StoreException("read failed", e);
      }
      // A copy of the key: the caller's array may change after this call.
      seen.put(CachedKey.of(cf, key.clone()), value == null ? ABSENT : value);
    }
    return value == ABSENT ? null : value;
  }

  @Override
  public KvCursor scan(Cf cf, byte[] prefix, byte[] from) {
    return KvCursor.open(prefix, from, null,
        o -> batch.newIteratorWithBase(store.handle(cf), store.db().newIterator(store.handle(cf), o), o));
  }

  public void put(Cf cf, byte[] key, byte[] value) {
    try {
      batch.put(store.handle(cf), key, value);
    } catch (RocksDBException e) {
      throw new StoreException("write failed", e);
    }
    seen.computeIfPresent(CachedKey.of(cf, key), (k, old) -> value.clone());
  }

  public void delete(Cf cf, byte[] key) {
    try {
      batch.delete(store.handle(cf), key);
    } catch (RocksDBException e) {
      throw new StoreException("delete failed", e);
    }
    seen.computeIfPresent(CachedKey.of(cf, key), (k, old) -> ABSENT);
  }

  /** How many keys the transaction holds in memory (for tests). */
  int remembered() {
    return seen.size();
  }

  public void setSavePoint() {
    batch.setSavePoint();
  }

  public void rollbackToSavePoint() {
    try {
      batch.rollbackToSavePoint();
    } catch (RocksDBException e) {
      throw new StoreException("rollback failed", e);
    }
    seen.clear();
  }

  public void releaseSavePoint() {
    try {
      batch.popSavePoint();
    } catch (RocksDBException e) {
      throw new StoreException("save point release failed", e);
    }
  }

  /** Records the Raft position of this entry and writes everything atomically. */
  public void commit(long term, long index) throws IOException {
    MetaStore.putApplied(this, term, index);
    store.write(this);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      batch.close();
      readOptions.close();
      release.run();
    }
  }
}
