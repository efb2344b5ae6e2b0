package io.bigfs.master.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key encodings. Numbers are big-endian so that RocksDB's bytewise order is numeric order:
 * a directory's entries are contiguous and sorted by name, a file's chunks by index.
 */
public final class Keys {
  /** The root directory's entry lives under parent 0 with the empty name. */
  public static final long NO_PARENT = 0;
  public static final long ROOT_ID = 1;

  private Keys() {}

  public static byte[] inode(long parentId, String name) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + nameBytes.length).putLong(parentId).put(nameBytes).array();
  }

  /** The prefix shared by every entry of a directory. */
  public static byte[] children(long dirId) {
    return id(dirId);
  }

  public static String nameOf(byte[] inodeKey) {
    return new String(inodeKey, 8, inodeKey.length - 8, StandardCharsets.UTF_8);
  }

  public static long parentOf(byte[] inodeKey) {
    return ByteBuffer.wrap(inodeKey).getLong();
  }

  public static byte[] id(long id) {
    return ByteBuffer.allocate(8).putLong(id).array();
  }

  public static long readId(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong();
  }

  public static byte[] chunk(long inodeId, int index) {
    return ByteBuffer.allocate(12).putLong(inodeId).putInt(index).array();
  }

  public static long chunkInode(byte[] chunkKey) {
    return ByteBuffer.wrap(chunkKey).getLong();
  }

  public static int chunkIndex(byte[] chunkKey) {
    return ByteBuffer.wrap(chunkKey, 8, 4).getInt();
  }

  public static byte[] leaseFile(byte[] holder, long inodeId) {
    return ByteBuffer.allocate(holder.length + 8).put(holder).putLong(inodeId).array();
  }

  public static byte[] retry(byte[] clientId, long callId) {
    return ByteBuffer.allocate(clientId.length + 8).put(clientId).putLong(callId).array();
  }

  public static byte[] retryByTime(long timeMs, byte[] retryKey) {
    return ByteBuffer.allocate(8 + retryKey.length).putLong(timeMs).put(retryKey).array();
  }

  public static byte[] meta(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] string(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The smallest key greater than every key starting with {@code prefix}, or null if none. */
  public static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        byte[] out = new byte[i + 1];
        System.arraycopy(end, 0, out, 0, i + 1);
        return out;
      }
    }
    return null;
  }
}
