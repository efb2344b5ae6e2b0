package io.bigfs.client.impl;

import io.bigfs.proto.FileStatus;

/** A file read from the chunkservers, which says which version of the file it served. */
public interface RemoteFile extends ByteSource {
  /**
   * The file as first found; null if a later look found another inode, modification time or
   * length (the path was overwritten, or the file grew, while it was read).
   */
  FileStatus onlyVersionSeen();
}
