package io.bigfs.client;

import io.bigfs.proto.FileStatus;

/**
 * What the namespace knows of a file or directory.
 *
 * @param path              absolute path
 * @param directory         true for a directory
 * @param length            bytes in the file (0 for directories); for a file being written, the
 *                          length of its completed chunks
 * @param replication       replicas wanted for each chunk (0 for directories)
 * @param chunkSize         bytes per chunk (0 for directories)
 * @param mode              permission bits, e.g. 0644
 * @param owner             owning user
 * @param group             owning group
 * @param modifiedMs        last modification, milliseconds since the epoch
 * @param accessedMs        creation or last access, milliseconds since the epoch
 * @param underConstruction a writer holds the file open
 * @param children          entries in a directory (0 for files)
 * @param chunkCount        chunks of a file
 * @param inodeId           the namespace's id for the entry, stable across renames
 */
public record FileInfo(String path, boolean directory, long length, int replication, long chunkSize, int mode,
                       String owner, String group, long modifiedMs, long accessedMs, boolean underConstruction,
                       long children, long chunkCount, long inodeId) {

  /** The last component of the path ("" for the root). */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public static FileInfo of(FileStatus s) {
    return new FileInfo(s.getPath(), s.getDirectory(), s.getLength(), s.getReplication(), s.getChunkSize(),
        s.getMode(), s.getOwner(), s.getGroup(), s.getMtimeMs(), s.getAtimeMs(), s.getUnderConstruction(),
        s.getChildren(), s.getChunkCount(), s.getInodeId());
  }
}
