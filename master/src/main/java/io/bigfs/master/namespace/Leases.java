package io.bigfs.master.namespace;

import io.bigfs.master.store.Cf;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.KvReader;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.Txn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Write leases, one holder (a client id) per file under construction. The LEASES family holds
 * the holder's last renewal under the holder's own key, and one key per file it writes, so a
 * prefix scan finds everything a holder has open.
 */
public final class Leases {
  private Leases() {}

  static void grant(Txn txn, byte[] holder, long inodeId, long now) {
    renew(txn, holder, now);
    txn.put(Cf.LEASES, Keys.leaseFile(holder, inodeId), new byte[0]);
  }

  static void renew(Txn txn, byte[] holder, long now) {
    txn.put(Cf.LEASES, holder, ByteBuffer.allocate(8).putLong(now).array());
  }

  /** Ends the holder's lease on one file; the holder's record goes when it holds nothing more. */
  static void release(Txn txn, byte[] holder, long inodeId) {
    txn.delete(Cf.LEASES, Keys.leaseFile(holder, inodeId));
    if (!holdsAny(txn, holder)) {
      txn.delete(Cf.LEASES, holder);
    }
  }

  /** Whether the holder still writes some file: looks at one key, not at all of them. */
  private static boolean holdsAny(KvReader reader, byte[] holder) {
    try (KvCursor c = reader.scan(Cf.LEASES, holder, Keys.leaseFile(holder, 0))) {
      return c.next();
    }
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
        if (c.value().length == 8) {
          long renewed = ByteBuffer.wrap(c.value()).getLong();
          if (renewed < cutoffMs) {
            out.add(new Holder(c.key(), renewed));
          }
        }
      }
    }
    return out;
  }

  /** How many clients hold leases, for metrics. */
  public static long holderCount(KvReader reader) {
    long n = 0;
    try (KvCursor c = reader.scan(Cf.LEASES, new byte[0], null)) {
      while (c.next()) {
        if (c.value().length == 8) {
          n++;
        }
      }
    }
    return n;
  }
}
