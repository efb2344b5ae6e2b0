package io.bigfs.chunkserver.storage;

import com.google.protobuf.ByteString;
import io.bigfs.common.BfsException;
import io.bigfs.common.Checksums;
import io.bigfs.proto.StatusCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Appends to a replica under its temporary name. Each piece of incoming data is checked against
 * the CRC the writer computed; the CRC of a whole block is stored as soon as the block is full,
 * the partial last block's when the replica is synced or finalized. Readers may read a replica
 * while it is written, up to {@link #snapshot()}.
 */
public final class ReplicaWriter implements AutoCloseable {
  private final ChunkStore store;
  private final long chunkId;
  private final long version;
  private final int dirIndex;
  private final Path dataFile;
  private final FileChannel data;
  private final FileChannel checksums;
  /** Whole blocks go to disk past the page cache; the rest through {@link #data}. */
  private final DirectAppender direct;
  private final CRC32C blockCrc = new CRC32C();
  private int[] crcs = new int[16];
  private long length;
  private boolean open = true;

  ReplicaWriter(ChunkStore store, long chunkId, long version, int dirIndex, Path dataFile, long length,
                int[] knownCrcs, boolean fresh, boolean directWrites) throws IOException {
    this.store = store;
    this.chunkId = chunkId;
    this.version = version;
    this.dirIndex = dirIndex;
    this.dataFile = dataFile;
    this.length = length;
    Path crcFile = ChunkFiles.checksumFileOf(dataFile);
    this.data = FileChannel.open(dataFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    this.direct = DirectAppender.open(dataFile, directWrites);
    this.checksums = fresh ? ChecksumFile.create(crcFile)
        : FileChannel.open(crcFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    data.truncate(length);
    int blocks = blocksOf(length);
    crcs = Arrays.copyOf(knownCrcs, Math.max(16, blocks));
    ChecksumFile.truncate(checksums, (int) (length / Checksums.BLOCK));
    if (length % Checksums.BLOCK != 0) {
      // Continue the partial last block: its running CRC starts from the bytes already on disk.
      long blockStart = length - length % Checksums.BLOCK;
      ByteBuffer tail = ByteBuffer.allocate((int) (length - blockStart));
      while (tail.hasRemaining()) {
        if (data.read(tail, blockStart + tail.position()) < 0) {
          throw new IOException("replica shorter than expected");
        }
      }
      blockCrc.update(tail.flip());
      crcs[blocks - 1] = (int) blockCrc.getValue();
    }
  }

  public long chunkId() {
    return chunkId;
  }

  public long version() {
    return version;
  }

  /**
   * Appends {@code bytes} at {@code offset}, which must be the current length. {@code pieceCrcs}
   * are the CRCs of the data cut at 64 KiB chunk offsets; a mismatch means the data was damaged
   * on the way and nothing is written.
   */
  public synchronized void write(long offset, ByteString bytes, List<Integer> pieceCrcs) throws IOException {
    checkOpen();
    if (offset != length) {
      throw BfsException.invalid("chunk " + chunkId + ": write at " + offset + " but the replica has " + length + " bytes");
    }
    int n = bytes.size();
    if (pieceCrcs.size() != Checksums.pieces(offset, n)) {
      throw BfsException.invalid("chunk " + chunkId + ": " + pieceCrcs.size() + " checksums for "
          + Checksums.pieces(offset, n) + " pieces");
    }
    // Check every piece before writing any, so that a damaged packet leaves no trace on disk. A
    // piece that starts a block is checked by the block's own CRC (one pass over the bytes); a
    // piece that continues a partial block needs its own CRC too. A failure ends this writer, and
    // a resumed one rebuilds the running CRC from disk.
    int[] blockCrcs = new int[pieceCrcs.size()];
    int pos = 0;
    for (int i = 0; i < pieceCrcs.size(); i++) {
      int len = Checksums.pieceLength(offset + pos, n - pos);
      ByteString piece = bytes.substring(pos, pos + len);
      boolean startsBlock = (offset + pos) % Checksums.BLOCK == 0;
      if (startsBlock) {
        blockCrc.reset();
      }
      int pieceCrc = startsBlock ? -1 : Checksums.crc(piece);
      Checksums.update(blockCrc, piece);
      if (startsBlock) {
        pieceCrc = (int) blockCrc.getValue();
      }
      if (pieceCrc != pieceCrcs.get(i)) {
        throw new BfsException(StatusCode.CORRUPT, "chunk " + chunkId + ": checksum mismatch at offset "
            + (offset + pos) + " (damaged in transit)");
      }
      blockCrcs[i] = (int) blockCrc.getValue();
      pos += len;
    }
    ByteBuffer buf = bytes.asReadOnlyByteBuffer();
    long at = offset + direct.write(buf, offset);
    while (buf.hasRemaining()) {
      at += data.write(buf, at);
    }
    pos = 0;
    for (int i = 0; i < blockCrcs.length; i++) {
      int len = Checksums.pieceLength(offset + pos, n - pos);
      int block = (int) ((offset + pos) / Checksums.BLOCK);
      setCrc(block, blockCrcs[i]);
      if ((offset + pos + len) % Checksums.BLOCK == 0) {
        ChecksumFile.put(checksums, block, blockCrcs[i]);
      }
      pos += len;
    }
    length += n;
  }

  private void setCrc(int block, int crc) {
    if (block >= crcs.length) {
      crcs = Arrays.copyOf(crcs, Math.max(block + 1, crcs.length * 2));
    }
    crcs[block] = crc;
  }

  /** Forces data and checksums to disk. */
  public synchronized void sync() throws IOException {
    checkOpen();
    writePartialCrc();
    data.force(false);
    checksums.force(false);
  }

  private void writePartialCrc() throws IOException {
    if (length % Checksums.BLOCK != 0) {
      int last = (int) (length / Checksums.BLOCK);
      ChecksumFile.put(checksums, last, crcs[last]);
    }
  }

  /** Syncs, renames the replica into place and makes it visible as complete. */
  public Replica finalizeReplica() throws IOException {
    synchronized (this) {
      sync();
      open = false;
      data.close();
      direct.close();
      checksums.close();
    }
    return store.finalizeWritten(this);
  }

  /** Length and block CRCs as of now, consistent with each other, for a reader. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(length, Arrays.copyOf(crcs, blocksOf(length)));
  }

  /** What a reader may read of a replica being written. */
  public record Snapshot(long length, int[] blockCrcs) {}

  public synchronized long length() {
    return length;
  }

  int dirIndex() {
    return dirIndex;
  }

  Path dataFile() {
    return dataFile;
  }

  static int blocksOf(long length) {
    return (int) ((length + Checksums.BLOCK - 1) / Checksums.BLOCK);
  }

  private void checkOpen() throws BfsException {
    if (!open) {
      throw new BfsException(StatusCode.UNAVAILABLE, "chunk " + chunkId + ": the replica is no longer being written");
    }
  }

  /** Stops writing; what was written stays under the temporary name for a later recovery. */
  @Override
  public synchronized void close() {
    if (!open) {
      return;
    }
    open = false;
    try {
      writePartialCrc();
      data.close();
      direct.close();
      checksums.close();
    } catch (IOException ignored) {
      // the replica is recovered from whatever reached the disk
    }
    store.writerClosed(this);
  }
}
