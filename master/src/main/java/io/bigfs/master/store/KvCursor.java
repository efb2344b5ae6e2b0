package io.bigfs.master.store;

import org.rocksdb.RocksIterator;

import java.util.Arrays;

/** A forward cursor over the keys that share a prefix. Close it; it holds native memory. */
public final class KvCursor implements AutoCloseable {
  private final RocksIterator it;
  private final byte[] prefix;
  private boolean started;
  private byte[] key;
  private byte[] value;

  KvCursor(RocksIterator it, byte[] prefix, byte[] from) {
    this.it = it;
    this.prefix = prefix;
    it.seek(from == null ? prefix : from);
  }

  /** Moves to the next entry; false when the prefix is exhausted. */
  public boolean next() {
    if (started) {
      it.next();
    }
    started = true;
    if (!it.isValid()) {
      return false;
    }
    byte[] k = it.key();
    if (!startsWith(k, prefix)) {
      return false;
    }
    key = k;
    value = it.value();
    return true;
  }

  public byte[] key() {
    return key;
  }

  public byte[] value() {
    return value;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public void close() {
    it.close();
  }
}
