package io.bigfs.master.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;

import java.io.IOException;

/**
 * The writes of one Raft entry, applied atomically at {@link #commit}. Reads see the
 * transaction's own writes, so the commands of one batch build on each other. Save points let
 * one failed command of a batch be undone without touching the others.
 */
public final class Txn implements KvReader, AutoCloseable {
  private final MetaStore store;
  private final Runnable release;
  private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
  private final ReadOptions readOptions = new ReadOptions();
  private boolean closed;

  Txn(MetaStore store, Runnable release) {
    this.store = store;
    this.release = release;
  }

  WriteBatchWithIndex batch() {
    return batch;
  }

  @Override
  public byte[] get(Cf cf, byte[] key) {
    try {
      return batch.getFromBatchAndDB(store.db(), store.handle(cf), readOptions, key);
    } catch (RocksDBException e) {
      throw new StoreException("read failed", e);
    }
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
  }

  public void delete(Cf cf, byte[] key) {
    try {
      batch.delete(store.handle(cf), key);
    } catch (RocksDBException e) {
      throw new StoreException("delete failed", e);
    }
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
