package io.bigfs.chunkserver.storage;

import com.sun.nio.file.ExtendedOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct I/O on replica files: opening them with O_DIRECT where the file system allows it, and
 * the aligned buffers that O_DIRECT reads and writes go through, pooled, because allocating
 * direct memory (zeroed, faulted in page by page) costs more than the copy it saves. At most
 * {@link #MAX_BUFFERS} exist in a process; when all are in use (a read holds one while its
 * client is slow to take the data), callers go through the page cache instead of growing
 * direct memory without bound.
 */
final class AlignedBuffers {
  private static final Logger LOG = LoggerFactory.getLogger(AlignedBuffers.class);
  /** Offsets, lengths and buffer addresses of direct I/O are multiples of this (any disk's block size divides it). */
  static final int ALIGNMENT = 4096;
  /** The size of one buffer: one packet, one read piece. */
  static final int BYTES = 1 << 20;
  static final int MAX_BUFFERS = 64;
  private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger ALLOCATED = new AtomicInteger();
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  private AlignedBuffers() {}

  /** {@code file} opened with O_DIRECT, or null where the file system refuses it (tmpfs) or the file is gone. */
  static FileChannel openDirect(Path file, OpenOption mode) {
    try {
      long blockSize = Files.getFileStore(file).getBlockSize();
      if (blockSize <= 0 || ALIGNMENT % blockSize != 0) {
        return null;
      }
      return FileChannel.open(file, mode, ExtendedOpenOption.DIRECT);
    } catch (NoSuchFileException e) {
      return null;  // not a refusal: the caller's own open says what is missing
    } catch (IOException | UnsupportedOperationException e) {
      if (TOLD.compareAndSet(false, true)) {
        LOG.info("{}: the file system refuses direct I/O ({}); replicas go through the page cache",
            file.getParent(), e.toString());
      }
      return null;
    }
  }

  /**
   * A cleared buffer of {@link #BYTES} bytes at an aligned address, to be given back when done;
   * null when all {@link #MAX_BUFFERS} are in use.
   */
  static ByteBuffer tryBorrow() {
    ByteBuffer b = POOL.poll();
    if (b != null) {
      return b.clear();
    }
    if (ALLOCATED.incrementAndGet() > MAX_BUFFERS) {
      ALLOCATED.decrementAndGet();
      return POOL.poll();
    }
    return ByteBuffer.allocateDirect(BYTES + ALIGNMENT).alignedSlice(ALIGNMENT).limit(BYTES).slice();
  }

  static void giveBack(ByteBuffer b) {
    POOL.offer(b);
  }

  static long roundUp(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }
}
