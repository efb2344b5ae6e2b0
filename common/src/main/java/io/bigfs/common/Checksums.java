package io.bigfs.common;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C over 64 KiB blocks of a chunk. Data on the wire is cut into pieces at 64 KiB chunk
 * offsets and each piece carries its CRC; a replica stores one CRC per block. Computed with
 * the JDK's intrinsic (hardware CRC32C instructions).
 */
public final class Checksums {
  public static final int BLOCK = 64 * 1024;

  private Checksums() {}

  public static int crc(byte[] data, int offset, int length) {
    CRC32C c = new CRC32C();
    c.update(data, offset, length);
    return (int) c.getValue();
  }

  public static int crc(ByteBuffer data) {
    CRC32C c = new CRC32C();
    c.update(data.duplicate());
    return (int) c.getValue();
  }

  public static int crc(ByteString data) {
    CRC32C c = new CRC32C();
    update(c, data);
    return (int) c.getValue();
  }

  /**
   * Adds {@code data} to {@code crc} where its bytes lie, without copying them. A ByteString
   * only lends out its bytes as a read-only buffer, on which the JDK's CRC32C copies them 4 KiB
   * at a time into a scratch array (about a tenth of the speed over an array, measured: 4-9
   * against 42-53 GB/s); protobuf's ByteOutput hands over the backing array itself.
   */
  public static void update(CRC32C crc, ByteString data) {
    try {
      UnsafeByteOperations.unsafeWriteTo(data, new ByteOutput() {
        @Override
        public void write(byte value) {
          crc.update(value);
        }

        @Override
        public void write(byte[] value, int offset, int length) {
          crc.update(value, offset, length);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) {
          write(value, offset, length);
        }

        @Override
        public void write(ByteBuffer value) {
          crc.update(value.duplicate());
        }

        @Override
        public void writeLazy(ByteBuffer value) {
          write(value);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);  // only its output could throw, and this one does not
    }
  }

  /** How many pieces data of {@code length} bytes starting at chunk offset {@code offset} is cut into. */
  public static int pieces(long offset, int length) {
    if (length == 0) {
      return 0;
    }
    long first = offset / BLOCK;
    long last = (offset + length - 1) / BLOCK;
    return (int) (last - first + 1);
  }

  /** Length of the piece that starts at chunk offset {@code offset} with {@code remaining} bytes left. */
  public static int pieceLength(long offset, int remaining) {
    int toBoundary = BLOCK - (int) (offset % BLOCK);
    return Math.min(toBoundary, remaining);
  }

  /** The CRCs of the pieces of {@code data} (position to limit) placed at chunk offset {@code chunkOffset}. */
  public static int[] pieceCrcs(ByteBuffer data, long chunkOffset) {
    int len = data.remaining();
    int[] crcs = new int[pieces(chunkOffset, len)];
    int pos = 0;
    for (int i = 0; i < crcs.length; i++) {
      int n = pieceLength(chunkOffset + pos, len - pos);
      crcs[i] = crc(data.slice(data.position() + pos, n));
      pos += n;
    }
    return crcs;
  }

  /** The CRCs of the pieces of {@code data[off, off+len)} placed at chunk offset {@code chunkOffset}. */
  public static int[] pieceCrcs(byte[] data, int off, int len, long chunkOffset) {
    int[] crcs = new int[pieces(chunkOffset, len)];
    int pos = 0;
    for (int i = 0; i < crcs.length; i++) {
      int n = pieceLength(chunkOffset + pos, len - pos);
      crcs[i] = crc(data, off + pos, n);
      pos += n;
    }
    return crcs;
  }
}
