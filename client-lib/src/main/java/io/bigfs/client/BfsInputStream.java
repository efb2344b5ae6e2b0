package io.bigfs.client;

import io.bigfs.client.impl.ByteSource;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file opened for reading, straight from the chunkservers, with checksums verified and
 * failover between replicas, or from the client's cache when it holds this version of the file
 * (see {@link CacheConfig}). Supports {@link #seek} and positional reads that leave the
 * stream's position alone. Not thread-safe.
 */
public final class BfsInputStream extends InputStream {
  private final FileInfo file;
  private final ByteSource reader;
  private final byte[] one = new byte[1];
  private long position;
  private boolean closed;

  BfsInputStream(FileInfo file, ByteSource reader) {
    this.file = file;
    this.reader = reader;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkOpen();
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int n = reader.read(position, b, off, len, true);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  /** Reads at {@code pos} without moving the stream's position; -1 at the end of the file. */
  public int read(long pos, byte[] b, int off, int len) throws IOException {
    checkOpen();
    Objects.checkFromIndexSize(off, len, b.length);
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    return len == 0 ? 0 : reader.read(pos, b, off, len, false);
  }

  /** Reads exactly {@code len} bytes at {@code pos}, or throws EOFException. */
  public void readFully(long pos, byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(pos + done, b, off + done, len - done);
      if (n < 0) {
        throw new EOFException(file.path() + ": end of file at " + (pos + done));
      }
      done += n;
    }
  }

  /** Moves to {@code pos}; reading at or past the end returns -1. */
  public void seek(long pos) throws IOException {
    checkOpen();
    if (pos < 0) {
      throw new IllegalArgumentException("negative position " + pos);
    }
    position = pos;
  }

  public long position() {
    return position;
  }

  /** The file's length as of opening (for a file being written: what its replicas held then). */
  public long length() {
    return reader.length();
  }

  @Override
  public long skip(long n) throws IOException {
    long to = Math.max(0, Math.min(position + n, length()));
    long skipped = to - position;
    position = to;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, reader.length() - position));
  }

  public FileInfo file() {
    return file;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      reader.close();
    }
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(file.path() + ": stream closed");
    }
  }
}
