package io.bigfs.master.namespace;

import io.bigfs.proto.FileStatus;
import io.bigfs.proto.store.InodeRecord;

/** Stored inode records as the wire's FileStatus. */
final class FileStatuses {
  private FileStatuses() {}

  static FileStatus of(String path, InodeRecord r) {
    FileStatus.Builder b = FileStatus.newBuilder()
        .setPath(path)
        .setDirectory(r.getDirectory())
        .setInodeId(r.getId())
        .setMode(r.getMode())
        .setOwner(r.getOwner())
        .setGroup(r.getGroup())
        .setMtimeMs(r.getMtimeMs())
        .setAtimeMs(r.getAtimeMs());
    if (r.getDirectory()) {
      b.setChildren(r.getChildren());
    } else {
      b.setLength(r.getLength())
          .setReplication(r.getReplication())
          .setChunkSize(r.getChunkSize())
          .setChunkCount(r.getChunkCount())
          .setUnderConstruction(!r.getWriter().isEmpty());
    }
    return b.build();
  }

  static FileStatus of(Inode inode) {
    return of(inode.path(), inode.record());
  }
}
