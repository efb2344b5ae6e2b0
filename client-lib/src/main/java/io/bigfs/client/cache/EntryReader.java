package io.bigfs.client.cache;

import io.bigfs.common.Checksums;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A committed entry opened for reading. Its size, header and checksum table are checked when it
 * is opened; each 64 KiB block is checked when read, before any of its bytes are handed out.
 * An entry evicted while open stays readable: the open file outlives its name.
 */
final class EntryReader implements Closeable {
  private final Path file;
  private final CacheKey key;
  private final FileChannel channel;
  private final int[] crcs;
  private final ByteBuffer block = ByteBuffer.allocate(EntryFormat.BLOCK);
  private long blockIndex = -1;

  private EntryReader(Path file, CacheKey key, FileChannel channel, int[] crcs) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.crcs = crcs;
  }

  /** Opens the entry at {@code file}; NoSuchFileException when there is none, CorruptEntry when it is damaged. */
  static EntryReader open(Path file, CacheKey key) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long expected = EntryFormat.entryBytes(key.length());
      if (channel.size() != expected) {
        throw new CorruptEntry(file + ": " + channel.size() + " bytes where " + expected + " belong");
      }
      EntryFormat.checkHeader(readFully(channel, ByteBuffer.allocate(EntryFormat.HEADER_BYTES), 0, file), key, file);
      int blocks = EntryFormat.blocks(key.length());
      ByteBuffer table = readFully(channel, ByteBuffer.allocate(4 * blocks + 4),
          EntryFormat.tableOffset(key.length()), file);
      if (Checksums.crc(table.array(), 0, 4 * blocks) != table.getInt(4 * blocks)) {
        throw new CorruptEntry(file + ": checksum table does not match its checksum");
      }
      int[] crcs = new int[blocks];
      table.asIntBuffer().get(crcs);
      return new EntryReader(file, key, channel, crcs);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  Path file() {
    return file;
  }

  /** Reads up to {@code len} bytes at file {@code position}; -1 at the end. */
  int read(long position, byte[] dst, int off, int len) throws IOException {
    if (position >= key.length()) {
      return -1;
    }
    int done = 0;
    while (done < len && position + done < key.length()) {
      long at = position + done;
      load(at / EntryFormat.BLOCK);
      int inBlock = (int) (at % EntryFormat.BLOCK);
      int n = Math.min(len - done, block.limit() - inBlock);
      System.arraycopy(block.array(), inBlock, dst, off + done, n);
      done += n;
    }
    return done;
  }

  private void load(long index) throws IOException {
    if (index == blockIndex) {
      return;
    }
    blockIndex = -1;
    int n = (int) Math.min(EntryFormat.BLOCK, key.length() - index * EntryFormat.BLOCK);
    block.clear().limit(n);
    readFully(channel, block, EntryFormat.HEADER_BYTES + index * EntryFormat.BLOCK, file);
    if (Checksums.crc(block.array(), 0, n) != crcs[(int) index]) {
      throw new CorruptEntry(file + ": checksum mismatch in block " + index);
    }
    blockIndex = index;
  }

  /** Fills {@code b} (from position 0) with the bytes at {@code at}; returns it flipped. */
  private static ByteBuffer readFully(FileChannel channel, ByteBuffer b, long at, Path file) throws IOException {
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        throw new CorruptEntry(file + ": ends early");
      }
    }
    return b.flip();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // a read-only file: nothing is lost
    }
  }
}
