package io.bigfs.client.cache;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * One entry being written under a temporary name in the cache directory, so that no reader ever
 * opens it half-written; {@link #commit} renames it into place in one step. Bytes stream through
 * a small buffer: a file is never held in memory. No fsync: an entry cut short by a crash of the
 * machine fails its size or checksum check and is dropped.
 */
final class EntryWriter {
  static final String TEMP_SUFFIX = ".tmp";
  private static final int BUFFER_BYTES = 256 * 1024;

  private final CacheKey key;
  private final Path temp;
  private final Path target;
  private final OutputStream out;
  private final CRC32C blockCrc = new CRC32C();
  /** The CRC of each block as it completes, then the table's own CRC. */
  private final ByteBuffer table;
  private long written;

  private EntryWriter(CacheKey key, Path temp, Path target, OutputStream out) {
    this.key = key;
    this.temp = temp;
    this.target = target;
    this.out = out;
    this.table = ByteBuffer.allocate(4 * EntryFormat.blocks(key.length()) + 4);
  }

  /** Starts the entry for {@code key} in {@code dir} (made if missing). */
  static EntryWriter create(Path dir, CacheKey key) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(key.fileName());
    Path temp = dir.resolve(key.fileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    OutputStream out = new BufferedOutputStream(
        Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BUFFER_BYTES);
    EntryWriter writer = new EntryWriter(key, temp, target, out);
    try {
      out.write(EntryFormat.header(key).array());
    } catch (IOException e) {
      writer.abort();
      throw e;
    }
    return writer;
  }

  CacheKey key() {
    return key;
  }

  /** Bytes of the file written so far. */
  long written() {
    return written;
  }

  /** Appends the next bytes of the file. */
  void write(byte[] b, int off, int len) throws IOException {
    if (len > key.length() - written) {
      throw new IllegalStateException(target + ": " + len + " bytes more than the file's " + key.length());
    }
    out.write(b, off, len);
    int done = 0;
    while (done < len) {
      int n = (int) Math.min(len - done, EntryFormat.BLOCK - written % EntryFormat.BLOCK);
      blockCrc.update(b, off + done, n);
      written += n;
      done += n;
      if (written % EntryFormat.BLOCK == 0 || written == key.length()) {
        table.putInt((int) blockCrc.getValue());
        blockCrc.reset();
      }
    }
  }

  /**
   * Writes the checksum table and renames the entry into place. An entry another process put
   * there meanwhile is replaced: it holds the same bytes, and its readers keep their open file.
   * Returns where the entry is.
   */
  Path commit() throws IOException {
    if (written != key.length()) {
      throw new IllegalStateException(target + ": " + written + " of " + key.length() + " bytes written");
    }
    CRC32C tableCrc = new CRC32C();
    tableCrc.update(table.array(), 0, table.position());
    table.putInt((int) tableCrc.getValue());
    try {
      out.write(table.array());
      out.close();
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // A file system whose rename does not replace: the entry that is there will do.
      abort();
    } catch (IOException e) {
      abort();
      throw e;
    }
    return target;
  }

  /** Gives up: the temporary file goes, nothing is left behind. */
  void abort() {
    try {
      out.close();
    } catch (IOException ignored) {
      // deleting it anyway
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // a stale temporary file is swept by the next eviction after an hour
    }
  }
}
