package io.bigfs.master.namespace;

import io.bigfs.proto.store.InodeRecord;

/** A directory entry as found by path resolution: where it is stored and what it holds. */
record Inode(String path, byte[] key, InodeRecord record) {
  long id() {
    return record.getId();
  }

  boolean isDirectory() {
    return record.getDirectory();
  }

  Inode with(InodeRecord changed) {
    return new Inode(path, key, changed);
  }
}
