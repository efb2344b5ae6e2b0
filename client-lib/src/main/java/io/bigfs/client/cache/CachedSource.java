package io.bigfs.client.cache;

import io.bigfs.client.impl.ByteSource;
import io.bigfs.client.impl.RemoteFile;

import java.io.IOException;

/**
 * A file served from its cache entry. Should a block turn out damaged midway, the entry is
 * dropped and the rest comes from the chunkservers (so too when the local disk fails): a bad
 * byte is never handed out, and the caller sees no error.
 */
final class CachedSource implements ByteSource {
  private final FileCache cache;
  private final CacheKey key;
  private final String path;
  private final FileCache.RemoteOpener opener;
  private EntryReader entry;
  private RemoteFile remote;

  CachedSource(FileCache cache, CacheKey key, String path, EntryReader entry, FileCache.RemoteOpener opener) {
    this.cache = cache;
    this.key = key;
    this.path = path;
    this.entry = entry;
    this.opener = opener;
  }

  @Override
  public long length() {
    return key.length();
  }

  @Override
  public int read(long position, byte[] dst, int off, int len, boolean sequential) throws IOException {
    if (entry != null) {
      try {
        return entry.read(position, dst, off, len);
      } catch (CorruptEntry e) {
        cache.discard(entry.file(), e);
        leaveEntry();
      } catch (IOException e) {
        // The local disk failed, or this thread was interrupted: the entry may be sound.
        cache.unreadable(entry.file(), e);
        leaveEntry();
      }
    }
    return remote().read(position, dst, off, len, sequential);
  }

  private void leaveEntry() {
    entry.close();
    entry = null;
  }

  /** The chunkservers, as long as they still serve the version the entry held. */
  private RemoteFile remote() throws IOException {
    if (remote == null) {
      RemoteFile reader = opener.open();
      if (reader.onlyVersionSeen() == null || !key.equals(CacheKey.of(reader.onlyVersionSeen()))) {
        throw new IOException(path + ": replaced while being read (its cache entry was damaged); open it again");
      }
      remote = reader;
    }
    return remote;
  }

  @Override
  public void close() {
    if (entry != null) {
      entry.close();
    }
    if (remote != null) {
      remote.close();
    }
  }
}
