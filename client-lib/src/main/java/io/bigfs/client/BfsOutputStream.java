package io.bigfs.client;

import io.bigfs.client.impl.FileWriter;
import io.bigfs.client.impl.LeaseRenewer;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.proto.LocatedChunk;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written. Bytes are buffered into 1 MiB packets and streamed to the chunk's
 * replicas; {@link #close()} commits the file's length with the masters, and only then is the
 * file complete. Not thread-safe. Only one client may write a file at a time; its lease is
 * renewed in the background until close.
 */
public final class BfsOutputStream extends OutputStream {
  private final MasterClient master;
  private final LeaseRenewer leases;
  private final FileInfo file;
  private final FileWriter writer;
  private final byte[] one = new byte[1];
  private boolean closed;

  /** @param firstChunk chunk 0 as the create placed it, or null to ask for it when data comes */
  BfsOutputStream(MasterClient master, ChannelPool channels, LeaseRenewer leases, FileInfo file,
                  LocatedChunk firstChunk) {
    this.master = master;
    this.leases = leases;
    this.file = file;
    this.writer = new FileWriter(master, channels, file.path(), file.inodeId(), file.chunkSize(), firstChunk);
    leases.opened();
  }

  @Override
  public void write(int b) throws IOException {
    one[0] = (byte) b;
    write(one, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkOpen();
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    writer.write(b, off, len);
  }

  /** Bytes written so far. */
  public long position() {
    return writer.position();
  }

  /** Does nothing: data moves in packets; use {@link #hflush()} to make written bytes visible. */
  @Override
  public void flush() {
    // Sending a partial packet on every flush() would turn buffered writers into tiny packets.
  }

  /** Makes everything written so far visible to new readers: every replica holds it. */
  public void hflush() throws IOException {
    checkOpen();
    writer.hflush(false);
  }

  /** Like {@link #hflush()}, and every replica has also forced it to disk. */
  public void hsync() throws IOException {
    checkOpen();
    writer.hflush(true);
  }

  /** Finalizes the last chunk and commits the file's length: then the file is complete. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      long length = writer.finish();
      master.complete(file.path(), file.inodeId(), length);
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    } finally {
      leases.closed();
    }
  }

  /**
   * Gives up on the file without committing it: nothing more is sent, and the file stays under
   * construction until the masters recover it when its lease expires (or until the caller
   * deletes it). For a copy that failed halfway.
   */
  public void abort() {
    if (closed) {
      return;
    }
    closed = true;
    writer.abort();
    leases.closed();
  }

  public FileInfo file() {
    return file;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException(file.path() + ": stream closed");
    }
  }
}
