package io.bigfs.client.impl;

import java.io.Closeable;
import java.io.IOException;

/** Where an input stream's bytes come from: the chunkservers, or a cache entry on the local disk. */
public interface ByteSource extends Closeable {
  /** Bytes readable now. */
  long length();

  /**
   * Reads up to {@code len} bytes at file {@code position} into {@code dst}; returns the count
   * (at least 1), or -1 at the end. {@code sequential}: more reads will follow this one.
   */
  int read(long position, byte[] dst, int off, int len, boolean sequential) throws IOException;

  @Override
  void close();
}
