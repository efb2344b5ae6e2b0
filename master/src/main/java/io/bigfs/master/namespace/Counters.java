package io.bigfs.master.namespace;

import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvReader;
import io.bigfs.master.store.Txn;

import java.nio.ByteBuffer;

/**
 * Id allocators and namespace totals. Kept in memory while entries apply (every create would
 * otherwise read them back) and written into each entry's batch, so they are as durable as the
 * namespace they count.
 */
public final class Counters {
  private static final byte[] KEY = Keys.meta("counters");

  long nextInodeId = Keys.ROOT_ID + 1;
  long nextChunkId = 1;
  int nextNodeId = 1;
  long files;
  long directories;
  long chunks;

  static Counters load(KvReader reader) {
    Counters c = new Counters();
    byte[] v = reader.get(Cf.META, KEY);
    if (v != null) {
      ByteBuffer b = ByteBuffer.wrap(v);
      c.nextInodeId = b.getLong();
      c.nextChunkId = b.getLong();
      c.nextNodeId = b.getInt();
      c.files = b.getLong();
      c.directories = b.getLong();
      c.chunks = b.getLong();
    }
    return c;
  }

  void writeTo(Txn txn) {
    txn.put(Cf.META, KEY, ByteBuffer.allocate(44)
        .putLong(nextInodeId).putLong(nextChunkId).putInt(nextNodeId)
        .putLong(files).putLong(directories).putLong(chunks).array());
  }

  Counters copy() {
    Counters c = new Counters();
    c.restoreFrom(this);
    return c;
  }

  void restoreFrom(Counters o) {
    nextInodeId = o.nextInodeId;
    nextChunkId = o.nextChunkId;
    nextNodeId = o.nextNodeId;
    files = o.files;
    directories = o.directories;
    chunks = o.chunks;
  }

  public long files() {
    return files;
  }

  /** Directories other than the root. */
  public long directories() {
    return directories;
  }

  public long chunks() {
    return chunks;
  }

  /** Chunk ids below this one have been handed out. */
  public long nextChunkId() {
    return nextChunkId;
  }
}
