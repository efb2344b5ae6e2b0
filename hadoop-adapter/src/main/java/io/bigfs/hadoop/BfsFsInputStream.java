package io.bigfs.hadoop;

import io.bigfs.client.BfsInputStream;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileSystem;

import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;

/**
 * A BigFS file as Hadoop reads it: seekable within the file (as HDFS, seeking past the end is an
 * EOFException), positional reads that leave the position alone, and bytes counted in the file
 * system's statistics. A closed stream refuses everything but close. The client's reader keeps
 * chunk locations between calls, so positional reads are serialized like the others.
 */
final class BfsFsInputStream extends FSInputStream {
  private final BfsInputStream in;
  private final FileSystem.Statistics statistics;
  private final byte[] one = new byte[1];
  private boolean closed;

  BfsFsInputStream(BfsInputStream in, FileSystem.Statistics statistics) {
    this.in = in;
    this.statistics = statistics;
  }

  @Override
  public synchronized int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    checkOpen();
    return counted(in.read(b, off, len));
  }

  @Override
  public synchronized int read(long position, byte[] buffer, int offset, int length) throws IOException {
    validatePositionedReadArgs(position, buffer, offset, length);
    checkOpen();
    return counted(in.read(position, buffer, offset, length));
  }

  @Override
  public synchronized void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
    validatePositionedReadArgs(position, buffer, offset, length);
    Objects.checkFromIndexSize(offset, length, buffer.length);
    checkOpen();
    int done = 0;
    while (done < length) {
      int n = counted(in.read(position + done, buffer, offset + done, length - done));
      if (n < 0) {
        throw new EOFException(FSExceptionMessages.EOF_IN_READ_FULLY + ": " + in.file().path()
            + " at " + (position + done));
      }
      done += n;
    }
  }

  @Override
  public synchronized void seek(long pos) throws IOException {
    checkOpen();
    if (pos < 0) {
      throw new EOFException(FSExceptionMessages.NEGATIVE_SEEK + ": " + pos);
    }
    if (pos > in.length()) {
      throw new EOFException(FSExceptionMessages.CANNOT_SEEK_PAST_EOF + ": " + pos + " > " + in.length());
    }
    in.seek(pos);
  }

  @Override
  public synchronized long getPos() throws IOException {
    checkOpen();
    return in.position();
  }

  /** BigFS picks replicas itself and moves to another on failure; there is no other source to ask for. */
  @Override
  public boolean seekToNewSource(long targetPos) {
    return false;
  }

  @Override
  public synchronized long skip(long n) throws IOException {
    checkOpen();
    return n <= 0 ? 0 : in.skip(n);
  }

  @Override
  public synchronized int available() throws IOException {
    checkOpen();
    return in.available();
  }

  @Override
  public synchronized void close() {
    closed = true;
    in.close();
  }

  @Override
  public String toString() {
    return "BfsFsInputStream{" + in.file().path() + ", length=" + in.length() + "}";
  }

  private int counted(int n) {
    if (n > 0 && statistics != null) {
      statistics.incrementBytesRead(n);
    }
    return n;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(FSExceptionMessages.STREAM_IS_CLOSED + ": " + in.file().path());
    }
  }
}
