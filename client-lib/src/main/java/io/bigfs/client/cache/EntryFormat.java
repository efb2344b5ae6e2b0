package io.bigfs.client.cache;

import io.bigfs.common.Checksums;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The layout of an entry file: a header naming the content, the file's bytes, then a CRC32C per
 * 64 KiB block and a CRC32C of that table. The size alone tells a truncated entry; the block
 * CRCs let a reader check exactly the blocks it reads (tail reads one or two).
 *
 * <pre>
 * header: magic u32 | format u32 | inode id u64 | mtime ms u64 | length u64 | CRC32C of the above u32
 * data:   length bytes
 * table:  CRC32C of each 64 KiB block of data, u32 each | CRC32C of the table u32
 * </pre>
 */
final class EntryFormat {
  static final int MAGIC = 0x42465343; // "BFSC"
  static final int FORMAT = 1;
  static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8 + 4;
  static final int BLOCK = Checksums.BLOCK;

  private EntryFormat() {}

  static int blocks(long length) {
    return Math.toIntExact((length + BLOCK - 1) / BLOCK);
  }

  /** The whole entry file's size for a file of {@code length} bytes. */
  static long entryBytes(long length) {
    return HEADER_BYTES + length + 4L * blocks(length) + 4;
  }

  /** Where the checksum table starts. */
  static long tableOffset(long length) {
    return HEADER_BYTES + length;
  }

  static ByteBuffer header(CacheKey key) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.putInt(MAGIC).putInt(FORMAT).putLong(key.inodeId()).putLong(key.modifiedMs()).putLong(key.length());
    b.putInt(Checksums.crc(b.array(), 0, b.position()));
    return b.flip();
  }

  /** Checks a header read from {@code file} against the key it was looked up by. */
  static void checkHeader(ByteBuffer b, CacheKey key, Path file) throws CorruptEntry {
    int crc = Checksums.crc(b.array(), 0, HEADER_BYTES - 4);
    if (b.getInt(0) != MAGIC || b.getInt(4) != FORMAT || b.getInt(HEADER_BYTES - 4) != crc) {
      throw new CorruptEntry(file + ": bad header");
    }
    if (b.getLong(8) != key.inodeId() || b.getLong(16) != key.modifiedMs() || b.getLong(24) != key.length()) {
      throw new CorruptEntry(file + ": header names another file");
    }
  }
}
