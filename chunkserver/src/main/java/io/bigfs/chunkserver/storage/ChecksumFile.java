package io.bigfs.chunkserver.storage;

import io.bigfs.common.Checksums;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The checksum file of a replica: an 8-byte header (magic "BFC1", block size) and one CRC32C
 * per 64 KiB block of data, the last block's covering however many bytes it has.
 */
final class ChecksumFile {
  static final int HEADER = 8;
  private static final int MAGIC = 0x42464331; // "BFC1"

  private ChecksumFile() {}

  static FileChannel create(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
    ch.write(ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(Checksums.BLOCK).flip(), 0);
    return ch;
  }

  static void put(FileChannel ch, int block, int crc) throws IOException {
    ch.write(ByteBuffer.allocate(4).putInt(crc).flip(), HEADER + 4L * block);
  }

  /** Keeps entries for {@code blocks} blocks, dropping any after them. */
  static void truncate(FileChannel ch, int blocks) throws IOException {
    ch.truncate(HEADER + 4L * blocks);
  }

  /** The CRCs of blocks [first, first + count); fails if the file is damaged or short. */
  static int[] read(FileChannel ch, int first, int count) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(ch, header, 0);
    header.flip();
    if (header.getInt() != MAGIC || header.getInt() != Checksums.BLOCK) {
      throw new IOException("bad checksum file header");
    }
    ByteBuffer buf = ByteBuffer.allocate(4 * count);
    readFully(ch, buf, HEADER + 4L * first);
    buf.flip();
    int[] crcs = new int[count];
    for (int i = 0; i < count; i++) {
      crcs[i] = buf.getInt();
    }
    return crcs;
  }

  /** Blocks with an entry. */
  static int entries(FileChannel ch) throws IOException {
    return (int) Math.max(0, (ch.size() - HEADER) / 4);
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("checksum file is shorter than its data");
      }
      pos += n;
    }
  }
}
