package io.bigfs.chunkserver.storage;

import com.sun.nio.file.ExtendedOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the block-aligned part of a replica's appends with O_DIRECT, past the page cache.
 *
 * <p>Why: a buffered write copies every byte into page-cache pages that the chunk-sized fsync at
 * finalize then writes out anyway, and on virtual machines whose memory is handed out lazily the
 * copy into fresh pages is costly: measured on the benchmark machine, the chunkservers spent a
 * third of a 1-client write's CPU in that copy (3 replicas on 2 cores), and the write was bound by
 * CPU. A replica being written is seldom read back before it is evicted anyway.
 *
 * <p>Only writes that start and end on a {@link #ALIGNMENT} boundary go direct: the 1 MiB packets
 * of a sequential write. The rest (the last packet of a file, an hflush, a resumed replica at an
 * odd offset) goes through the page cache as before; appends never overlap, and the file system
 * keeps the two paths coherent for readers. Where the file system refuses O_DIRECT (tmpfs), every
 * write is buffered. Durability is unchanged: an fsync of the file covers both paths.
 */
final class DirectAppender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectAppender.class);
  /** Offsets, lengths and buffer addresses of direct writes are multiples of this (any disk's block size divides it). */
  static final int ALIGNMENT = 4096;
  /** The size of one staging buffer: one packet. */
  static final int STAGING_BYTES = 1 << 20;
  /** Staging buffers kept for reuse: allocating direct memory is what this class is here to avoid. */
  private static final int POOLED = 16;
  private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger POOL_SIZE = new AtomicInteger();
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private final FileChannel channel;

  private DirectAppender(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code file} (which exists) for direct writes; one that writes nothing direct if disabled or refused. */
  static DirectAppender open(Path file, boolean enabled) {
    if (!enabled) {
      return new DirectAppender(null);
    }
    try {
      long blockSize = Files.getFileStore(file).getBlockSize();
      if (blockSize <= 0 || ALIGNMENT % blockSize != 0) {
        return new DirectAppender(null);
      }
      return new DirectAppender(FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT));
    } catch (IOException | UnsupportedOperationException e) {
      if (WARNED.compareAndSet(false, true)) {
        LOG.info("{}: the file system refuses direct I/O ({}); replicas are written through the page cache",
            file.getParent(), e.toString());
      }
      return new DirectAppender(null);
    }
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
    ByteBuffer staging = borrow();
    try {
      int done = 0;
      while (done < aligned) {
        int n = Math.min(STAGING_BYTES, aligned - done);
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
      giveBack(staging);
    }
  }

  private static ByteBuffer borrow() {
    ByteBuffer b = POOL.poll();
    if (b != null) {
      POOL_SIZE.decrementAndGet();
      return b;
    }
    return ByteBuffer.allocateDirect(STAGING_BYTES + ALIGNMENT).alignedSlice(ALIGNMENT).limit(STAGING_BYTES).slice();
  }

  private static void giveBack(ByteBuffer b) {
    if (POOL_SIZE.incrementAndGet() <= POOLED) {
      POOL.offer(b);
    } else {
      POOL_SIZE.decrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}
