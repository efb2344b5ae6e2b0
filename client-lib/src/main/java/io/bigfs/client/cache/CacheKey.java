package io.bigfs.client.cache;

import io.bigfs.proto.FileStatus;

/**
 * Which content a cache entry holds. A BigFS file is written once: its bytes never change after
 * it is closed, and overwriting a path makes a new inode with a new id (ids are never reused).
 * So the inode id names the content; the modification time and length are checked too, so that
 * an entry left by another cluster with the same inode ids is not taken for this one's.
 */
public record CacheKey(long inodeId, long modifiedMs, long length) {
  static final String ENTRY_SUFFIX = ".entry";

  public static CacheKey of(FileStatus file) {
    return new CacheKey(file.getInodeId(), file.getMtimeMs(), file.getLength());
  }

  /** The entry's file name in the cache directory. */
  String fileName() {
    return inodeId + "-" + modifiedMs + "-" + length + ENTRY_SUFFIX;
  }
}
