package io.bigfs.client.cache;

import io.bigfs.client.impl.ByteSource;
import io.bigfs.client.impl.RemoteFile;

import java.io.IOException;

/**
 * A file read from the chunkservers while its bytes are kept as a new cache entry. Whatever
 * order the caller reads in, the bytes that extend the part kept so far are written down; the
 * entry goes into place when the last byte is in, and only if the chunkservers served the
 * version it is named after all along. A caller that stops early (tail) leaves no entry.
 */
final class FillingSource implements ByteSource {
  private final FileCache cache;
  private final CacheKey key;
  private final RemoteFile remote;
  private EntryWriter writer;

  /** @param writer the entry to fill; null: just read */
  FillingSource(FileCache cache, CacheKey key, RemoteFile remote, EntryWriter writer) {
    this.cache = cache;
    this.key = key;
    this.remote = remote;
    this.writer = writer;
    finishIfComplete();
  }

  @Override
  public long length() {
    return remote.length();
  }

  @Override
  public int read(long position, byte[] dst, int off, int len, boolean sequential) throws IOException {
    int n = remote.read(position, dst, off, len, sequential);
    if (n > 0 && writer != null) {
      keep(position, dst, off, n);
    }
    return n;
  }

  private void keep(long position, byte[] data, int off, int n) {
    long kept = writer.written();
    if (position > kept || position + n <= kept) {
      return;
    }
    int skip = (int) (kept - position);
    int take = (int) Math.min(n - skip, key.length() - kept);
    try {
      writer.write(data, off + skip, take);
    } catch (IOException e) {
      cache.abandon(writer, e);
      writer = null;
      return;
    }
    finishIfComplete();
  }

  private void finishIfComplete() {
    if (writer == null || writer.written() != key.length()) {
      return;
    }
    if (remote.onlyVersionSeen() != null && key.equals(CacheKey.of(remote.onlyVersionSeen()))) {
      cache.commit(writer);
    } else {
      writer.abort();
    }
    writer = null;
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.abort();
      writer = null;
    }
    remote.close();
  }
}
