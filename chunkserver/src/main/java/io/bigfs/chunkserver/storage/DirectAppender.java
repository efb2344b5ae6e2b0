package io.bigfs.chunkserver.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the block-aligned part of a replica's appends with O_DIRECT, past the page cache.
 *
 * <p>Why: a buffered write copies every byte into page-cache pages that the chunk-sized fsync at
 * finalize then writes out anyway, and on virtual machines whose memory is handed out lazily the
 * copy into fresh pages is costly: measured on the benchmark machine, the chunkservers spent a
 * third of a 1-client write's CPU in that copy (3 replicas on 2 cores), and the write was bound by
 * CPU. A replica being written is seldom read back before it is evicted anyway.
 *
 * <p>Only writes that start and end on a {@link AlignedBuffers#ALIGNMENT} boundary go direct: the 1 MiB packets
 * of a sequential write. The rest (the last packet of a file, an hflush, a resumed replica at an
 * odd offset) goes through the page cache as before; appends never overlap, and the file system
 * keeps the two paths coherent for readers. Where the file system refuses O_DIRECT (tmpfs), every
 * write is buffered, and so is one that finds every aligned buffer in use. Durability is
 * unchanged: an fsync of the file covers both paths.
 */
final class DirectAppender implements AutoCloseable {
  static final int ALIGNMENT = AlignedBuffers.ALIGNMENT;

  private final FileChannel channel;

  private DirectAppender(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code file} (which exists) for direct writes; one that writes nothing direct if disabled or refused. */
  static DirectAppender open(Path file, boolean enabled) {
    return new DirectAppender(enabled ? AlignedBuffers.openDirect(file, StandardOpenOption.WRITE) : null);
  }

  /** Whether writes can go direct at all here. */
  boolean enabled() {
    return channel != null;
  }

  /**
   * Writes the longest prefix of {@code src} that is a whole number of blocks to the file at
   * {@code position}, if that is on a block boundary; advances {@code src} past what it wrote.
   *
   * @return the bytes written, 0 when nothing could go direct
   */
  int write(ByteBuffer src, long position) throws IOException {
    if (channel == null || position % ALIGNMENT != 0) {
      return 0;
    }
    int aligned = src.remaining() - src.remaining() % ALIGNMENT;
    if (aligned == 0) {
      return 0;
    }
    ByteBuffer staging = AlignedBuffers.tryBorrow();
    if (staging == null) {
      return 0;
    }
    try {
      int done = 0;
      while (done < aligned) {
        int n = Math.min(staging.capacity(), aligned - done);
        staging.clear();
        staging.put(src.slice(src.position(), n)).flip();
        while (staging.hasRemaining()) {
          channel.write(staging, position + done + staging.position());
        }
        src.position(src.position() + n);
        done += n;
      }
      return done;
    } finally {
      AlignedBuffers.giveBack(staging);
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
