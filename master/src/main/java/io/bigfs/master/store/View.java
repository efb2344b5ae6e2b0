package io.bigfs.master.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;

/** A consistent, read-only view of the store (a RocksDB snapshot) for one query. */
public final class View implements KvReader, AutoCloseable {
  private final MetaStore store;
  private final ReadOptions options;
  private final Runnable release;
  private boolean closed;

  View(MetaStore store, ReadOptions options, Runnable release) {
    this.store = store;
    this.options = options;
    this.release = release;
  }

  @Override
  public byte[] get(Cf cf, byte[] key) {
    try {
      return store.db().get(store.handle(cf), options, key);
    } catch (RocksDBException e) {
      throw new StoreException("read failed", e);
    }
  }

  @Override
  public KvCursor scan(Cf cf, byte[] prefix, byte[] from) {
    return KvCursor.open(prefix, from, options.snapshot(), o -> store.db().newIterator(store.handle(cf), o));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release.run();
    }
  }
}
