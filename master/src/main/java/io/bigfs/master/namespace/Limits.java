package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;

import java.util.regex.Pattern;

/**
 * Bounds on request values that hold on every master alike (so they can be checked while
 * applying). Bounds that depend on the live cluster, such as replication against the number of
 * chunkservers, are checked by the leader before it proposes.
 */
public final class Limits {
  public static final int MAX_REPLICATION = 32;
  public static final long MIN_CHUNK_SIZE = 1024;
  public static final long MAX_CHUNK_SIZE = 4L << 30;
  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9_.@$-][A-Za-z0-9_.@$-]{0,63}");

  private Limits() {}

  static int mode(int mode) throws BfsException {
    if (mode < 0 || mode > 07777) {
      throw BfsException.invalid("mode " + Integer.toOctalString(mode) + " is not between 0 and 7777 (octal)");
    }
    return mode;
  }

  public static void replication(int replication) throws BfsException {
    if (replication < 1 || replication > MAX_REPLICATION) {
      throw BfsException.invalid("replication factor " + Integer.toUnsignedString(replication)
          + " is not between 1 and " + MAX_REPLICATION);
    }
  }

  static void chunkSize(long chunkSize) throws BfsException {
    if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
      throw BfsException.invalid("chunk size " + Long.toUnsignedString(chunkSize) + " is not between "
          + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE + " bytes");
    }
  }

  /** A user or group name: letters, digits and . _ - @ $, at most 64 characters. */
  public static String principal(String what, String name) throws BfsException {
    if (!PRINCIPAL.matcher(name).matches()) {
      throw BfsException.invalid("bad " + what + " name '" + (name.length() > 70 ? name.substring(0, 70) + "..." : name)
          + "': use letters, digits and . _ - @ $ (at most 64)");
    }
    return name;
  }
}
