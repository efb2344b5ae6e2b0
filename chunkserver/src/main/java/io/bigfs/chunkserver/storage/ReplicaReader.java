package io.bigfs.chunkserver.storage;

import io.bigfs.common.BfsException;
import io.bigfs.common.Checksums;
import io.bigfs.proto.StatusCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * Reads a replica in 64 KiB-aligned pieces of up to 1 MiB, each with the stored CRCs of its
 * blocks, so that the reader can check every byte end to end. A replica being written is read
 * up to what its writer has, with the CRCs the writer holds for it.
 */
public final class ReplicaReader {
  /** Bytes per piece handed to the caller (and per message on the wire). */
  public static final int PIECE = 16 * Checksums.BLOCK;
  /** Ranges this long or longer of a finished replica are read with O_DIRECT (see {@link #readFrom}). */
  static final long DIRECT_READ_MIN = AlignedBuffers.BYTES;

  private ReplicaReader() {}

  /** Receives pieces in order; a piece's buffer may be reused once {@code accept} returns. */
  @FunctionalInterface
  public interface Sink {
    void accept(long offset, ByteBuffer data, int[] crcs, long replicaLength) throws IOException;
  }

  /**
   * Reads [offset, offset + length) of chunk {@code chunkId} (widened to whole blocks, cut at the
   * replica's end), which must be at version {@code minVersion} or newer.
   */
  public static void read(ChunkStore store, long chunkId, long minVersion, long offset, long length, Sink sink)
      throws IOException {
    if (offset < 0 || length < 0) {
      throw BfsException.invalid("chunk " + chunkId + ": offset and length must not be negative");
    }
    for (int attempt = 0; ; attempt++) {
      Replica replica = store.get(chunkId);
      if (replica == null) {
        throw new BfsException(StatusCode.NOT_FOUND, "chunk " + chunkId + " is not on this node");
      }
      if (replica.version() < minVersion) {
        throw new BfsException(StatusCode.STALE_VERSION, "chunk " + chunkId + ": this replica is at version "
            + replica.version() + ", older than " + minVersion);
      }
      ReplicaWriter writer = replica.finalized() ? null : store.writer(chunkId);
      ReplicaWriter.Snapshot snapshot = writer == null ? null : writer.snapshot();
      long replicaLength = snapshot != null ? snapshot.length() : replica.length();
      try {
        readFrom(replica, snapshot, replicaLength, offset, length, store.directIo(), sink);
        return;
      } catch (NoSuchFileException e) {
        // Finalized (renamed) or deleted between lookup and open: look again once.
        if (attempt > 0) {
          throw new BfsException(StatusCode.NOT_FOUND, "chunk " + chunkId + " is no longer on this node");
        }
      }
    }
  }

  private static void readFrom(Replica replica, ReplicaWriter.Snapshot snapshot, long replicaLength, long offset,
                               long length, boolean directIo, Sink sink) throws IOException {
    if (offset > replicaLength) {
      throw BfsException.invalid("chunk " + replica.chunkId() + ": offset " + offset + " is past the replica's "
          + replicaLength + " bytes");
    }
    long start = offset - offset % Checksums.BLOCK;
    long end = Math.min(replicaLength, offset + Math.min(length, replicaLength));
    // A large range of a finished replica is read past the page cache (as it was written): a
    // stream seldom comes back soon, and the copy through fresh cache pages was most of a read's
    // CPU. Small reads (small files, which are read again) keep the cache and its read-ahead.
    boolean large = directIo && snapshot == null && end - start >= DIRECT_READ_MIN;
    ByteBuffer aligned = large ? AlignedBuffers.tryBorrow() : null;
    FileChannel direct = aligned != null
        ? AlignedBuffers.openDirect(replica.dataFile(), StandardOpenOption.READ) : null;
    try (FileChannel data = direct != null ? direct : FileChannel.open(replica.dataFile(), StandardOpenOption.READ);
         FileChannel sums = snapshot == null
             ? FileChannel.open(replica.checksumFile(), StandardOpenOption.READ) : null) {
      readPieces(replica, snapshot, replicaLength, start, end, data, direct != null ? aligned : null, sums, sink);
    } finally {
      if (aligned != null) {
        AlignedBuffers.giveBack(aligned);
      }
    }
  }

  /** @param aligned the buffer to read into when {@code data} is opened with O_DIRECT, else null */
  private static void readPieces(Replica replica, ReplicaWriter.Snapshot snapshot, long replicaLength, long start,
                                 long end, FileChannel data, ByteBuffer aligned, FileChannel sums, Sink sink)
      throws IOException {
    if (snapshot == null && data.size() < replicaLength) {
      throw new BfsException(StatusCode.CORRUPT, "chunk " + replica.chunkId() + ": data file is "
          + data.size() + " bytes, " + replicaLength + " expected");
    }
    long pos = start;
    do {
      int n = (int) Math.min(PIECE, Math.max(0, roundUpToChecksumBlock(end) - pos));
      n = (int) Math.min(n, replicaLength - pos);
      ByteBuffer buf = aligned != null ? readDirect(replica, data, aligned, pos, n) : readCached(replica, data, pos, n);
      int firstBlock = (int) (pos / Checksums.BLOCK);
      int blocks = ReplicaWriter.blocksOf(pos + n) - firstBlock;
      int[] crcs = snapshot != null
          ? java.util.Arrays.copyOfRange(snapshot.blockCrcs(), firstBlock, firstBlock + blocks)
          : checksums(sums, replica, firstBlock, blocks);
      sink.accept(pos, buf, crcs, replicaLength);
      pos += n;
    } while (pos < end);
  }

  private static ByteBuffer readCached(Replica replica, FileChannel data, long pos, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (data.read(buf, pos + buf.position()) < 0) {
        throw tooShort(replica);
      }
    }
    return buf.flip();
  }

  /**
   * Reads [pos, pos + n) into the aligned buffer, asking for whole blocks (the last one ends the
   * file early); the buffer is the caller's again once the sink has returned.
   */
  private static ByteBuffer readDirect(Replica replica, FileChannel data, ByteBuffer aligned, long pos, int n)
      throws IOException {
    aligned.clear().limit((int) AlignedBuffers.roundUp(n));
    while (aligned.position() < n) {
      // A short read means the end of the file; reading on from an unaligned offset is not allowed.
      if (aligned.position() % AlignedBuffers.ALIGNMENT != 0 || data.read(aligned, pos + aligned.position()) < 0) {
        throw tooShort(replica);
      }
    }
    return aligned.flip().limit(n);
  }

  private static BfsException tooShort(Replica replica) {
    return new BfsException(StatusCode.CORRUPT, "chunk " + replica.chunkId() + ": data file too short");
  }

  private static int[] checksums(FileChannel sums, Replica replica, int first, int count) throws BfsException {
    try {
      return ChecksumFile.read(sums, first, count);
    } catch (IOException e) {
      throw new BfsException(StatusCode.CORRUPT, "chunk " + replica.chunkId() + ": " + e.getMessage());
    }
  }

  private static long roundUpToChecksumBlock(long offset) {
    return (offset + Checksums.BLOCK - 1) / Checksums.BLOCK * Checksums.BLOCK;
  }
}
