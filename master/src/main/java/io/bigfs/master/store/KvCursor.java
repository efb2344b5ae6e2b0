package io.bigfs.master.store;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

import java.util.Arrays;
import java.util.function.Function;

/** A forward cursor over the keys that share a prefix. Close it; it holds native memory. */
public final class KvCursor implements AutoCloseable {
  private final RocksIterator it;
  private final ReadOptions options;
  /** Where the iterator stops; null when no key can follow the prefix. */
  private final Slice bound;
  private final byte[] prefix;
  private boolean started;
  private byte[] key;
  private byte[] value;

  private KvCursor(RocksIterator it, ReadOptions options, Slice bound, byte[] prefix, byte[] from) {
    this.it = it;
    this.options = options;
    this.bound = bound;
    this.prefix = prefix;
    it.seek(from == null ? prefix : from);
  }

  /**
   * A cursor over {@code prefix} from {@code from} (null: its start), reading at {@code snapshot}
   * (null: the latest writes), through the iterator {@code open} makes with the options given.
   * The iterator is bounded at the prefix's end: unbounded, the step past a directory's last
   * entry walks every deleted key that follows it (a removed sibling's children, say) until
   * compaction drops them, so listing a small directory could cost as much as a large delete.
   */
  static KvCursor open(byte[] prefix, byte[] from, Snapshot snapshot, Function<ReadOptions, RocksIterator> open) {
    byte[] end = Keys.prefixEnd(prefix);
    Slice bound = end == null ? null : new Slice(end);
    ReadOptions options = new ReadOptions().setSnapshot(snapshot);
    if (bound != null) {
      options.setIterateUpperBound(bound);
    }
    return new KvCursor(open.apply(options), options, bound, prefix, from);
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
    options.close();
    if (bound != null) {
      bound.close();
    }
  }
}
