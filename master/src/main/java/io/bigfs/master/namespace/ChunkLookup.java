package io.bigfs.master.namespace;

import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvReader;
import io.bigfs.proto.store.ChunkRecord;

import java.util.Locale;

/** What the namespace says about a chunk id a chunkserver reports. */
public final class ChunkLookup {
  private ChunkLookup() {}

  public enum Kind {
    /** Part of a file. */
    LIVE,
    /** Its file was deleted; its replicas are to be removed. */
    DELETED,
    /** Allocated once and gone (its file deleted and forgotten, or an aborted write): an orphan. */
    ORPHAN,
    /** Not allocated yet as far as this master has applied: a newer entry will explain it. */
    AHEAD
  }

  /** The state of one chunk; version, length and completeness only for LIVE chunks. */
  public record Result(Kind kind, long version, long length, boolean complete) {
    /** For logs: what the namespace says of the chunk. */
    public String describe() {
      return kind != Kind.LIVE ? kind.name().toLowerCase(Locale.ROOT)
          : "at version " + version + (complete ? ", complete at " + length + " bytes" : ", being written");
    }
  }

  private static final Result DELETED = new Result(Kind.DELETED, 0, 0, false);
  private static final Result ORPHAN = new Result(Kind.ORPHAN, 0, 0, false);
  private static final Result AHEAD = new Result(Kind.AHEAD, 0, 0, false);

  public static Result lookup(KvReader reader, long chunkId, long nextChunkId) {
    byte[] where = reader.get(Cf.CHUNKS, Keys.id(chunkId));
    if (where != null) {
      byte[] value = reader.get(Cf.FILES, where);
      if (value != null) {
        ChunkRecord c = Edit.parseChunk(value);
        return new Result(Kind.LIVE, c.getVersion(), c.getLength(), c.getComplete());
      }
    }
    if (reader.get(Cf.DELETED, Keys.id(chunkId)) != null) {
      return DELETED;
    }
    return chunkId < nextChunkId ? ORPHAN : AHEAD;
  }
}
