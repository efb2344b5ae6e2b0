package io.bigfs.master.store;

/** Reads from the store: either a consistent view for a query, or a transaction seeing its own writes. */
public interface KvReader {
  /** The value under {@code key}, or null. */
  byte[] get(Cf cf, byte[] key);

  /**
   * The entries whose key starts with {@code prefix}, in key order, beginning at {@code from}
   * (inclusive), or at the first such key when it is null.
   */
  KvCursor scan(Cf cf, byte[] prefix, byte[] from);
}
