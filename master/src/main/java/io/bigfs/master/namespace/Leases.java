package io.bigfs.master.namespace;

import io.bigfs.common.Ids;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.KvReader;
import io.bigfs.master.store.Txn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Write leases, one holder (a client id) per file under construction. The LEASES family holds,
 * under the holder's own key, its last renewal and how many files it writes, and one key per
 * file it writes, so a prefix scan finds everything a holder has open.
 */
public final class Leases {
  private Leases() {}

  static void grant(Txn txn, byte[] holder, long inodeId, long now) {
    txn.put(Cf.LEASES, holder, holderValue(now, openFiles(txn, holder) + 1));
    txn.put(Cf.LEASES, Keys.leaseFile(holder, inodeId), new byte[0]);
  }

  static void renew(Txn txn, byte[] holder, long now) {
    byte[] current = txn.get(Cf.LEASES, holder);
    if (current != null) {
      txn.put(Cf.LEASES, holder, holderValue(now, ByteBuffer.wrap(current).getLong(8)));
    }
  }

  /**
   * Ends the holder's lease on one file; the holder's record goes when it holds nothing more.
   * The record counts the holder's files, so this never scans (a client that wrote a million
   * files one after the other would otherwise walk past a million deleted keys each time).
   */
  static void release(Txn txn, byte[] holder, long inodeId) {
    txn.delete(Cf.LEASES, Keys.leaseFile(holder, inodeId));
    byte[] current = txn.get(Cf.LEASES, holder);
    if (current == null) {
      return;
    }
    long open = ByteBuffer.wrap(current).getLong(8) - 1;
    if (open <= 0) {
      txn.delete(Cf.LEASES, holder);
    } else {
      txn.put(Cf.LEASES, holder, holderValue(ByteBuffer.wrap(current).getLong(0), open));
    }
  }

  private static long openFiles(KvReader reader, byte[] holder) {
    byte[] current = reader.get(Cf.LEASES, holder);
    return current == null ? 0 : ByteBuffer.wrap(current).getLong(8);
  }

  /** A holder's record: last renewal, then how many files it writes. */
  private static byte[] holderValue(long renewedMs, long openFiles) {
    return ByteBuffer.allocate(16).putLong(renewedMs).putLong(openFiles).array();
  }

  /** Ends every lease of a holder at once. */
  static void releaseAll(Txn txn, byte[] holder) {
    for (long inodeId : filesOf(txn, holder)) {
      txn.delete(Cf.LEASES, Keys.leaseFile(holder, inodeId));
    }
    txn.delete(Cf.LEASES, holder);
  }

  /** The inode ids of the files a holder is writing. */
  public static List<Long> filesOf(KvReader reader, byte[] holder) {
    List<Long> ids = new ArrayList<>();
    try (KvCursor c = reader.scan(Cf.LEASES, holder, null)) {
      while (c.next()) {
        if (c.key().length == holder.length + 8) {
          ids.add(ByteBuffer.wrap(c.key(), holder.length, 8).getLong());
        }
      }
    }
    return ids;
  }

  /** A holder and when it last renewed. */
  public record Holder(byte[] id, long renewedMs) {}

  /** Holders whose last renewal is older than {@code cutoffMs}, at most {@code max} of them. */
  public static List<Holder> expired(KvReader reader, long cutoffMs, int max) {
    List<Holder> out = new ArrayList<>();
    try (KvCursor c = reader.scan(Cf.LEASES, new byte[0], null)) {
      while (c.next() && out.size() < max) {
        if (c.key().length == Ids.CLIENT_ID_BYTES) {
          long renewed = ByteBuffer.wrap(c.value()).getLong();
          if (renewed < cutoffMs) {
            out.add(new Holder(c.key(), renewed));
          }
        }
      }
    }
    return out;
  }

  /** How many clients hold leases, and how many files they write (one lease each), for metrics. */
  public record Counts(long holders, long files) {}

  /** One scan of the lease records: a key per client writing, a longer one per file it writes. */
  public static Counts count(KvReader reader) {
    long holders = 0;
    long files = 0;
    try (KvCursor c = reader.scan(Cf.LEASES, new byte[0], null)) {
      while (c.next()) {
        if (c.key().length == Ids.CLIENT_ID_BYTES) {
          holders++;
        } else if (c.key().length == Ids.CLIENT_ID_BYTES + Long.BYTES) {
          files++;
        }
      }
    }
    return new Counts(holders, files);
  }
}
