package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;
import io.bigfs.common.BfsPaths;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.KvReader;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.store.ChunkRecord;

/** Read-only questions about the namespace, answered from a consistent view of the store. */
public final class Queries {
  public static final int DEFAULT_LIST_LIMIT = 1000;
  public static final int MAX_LIST_LIMIT = 10_000;

  private Queries() {}

  public static FileStatus stat(KvReader reader, String path) throws BfsException {
    return stat(reader, path, Access.UNCHECKED);
  }

  /** Stat needs only to traverse the directories above the entry. */
  static FileStatus stat(KvReader reader, String path, Access access) throws BfsException {
    return FileStatuses.of(Resolver.resolve(reader, path, access).existing());
  }

  /** The replication factor of the file with inode id {@code inodeId}, or 0 if it is gone. */
  public static int replicationOf(KvReader reader, long inodeId) {
    byte[] key = reader.get(Cf.PARENTS, Keys.id(inodeId));
    byte[] value = key == null ? null : reader.get(Cf.INODES, key);
    return value == null ? 0 : Resolver.parse(value).getReplication();
  }

  /** One page of a directory in name order (needs read and execute on it); a file lists as itself. */
  static QueryReply.Builder list(KvReader reader, String path, String startAfter, int limit, Access access)
      throws BfsException {
    if (limit < 0 || limit > MAX_LIST_LIMIT) {
      throw BfsException.invalid("list limit " + Integer.toUnsignedString(limit) + " is not between 1 and "
          + MAX_LIST_LIMIT);
    }
    if (!startAfter.isEmpty()) {
      BfsPaths.checkName(path, startAfter);
    }
    int pageSize = limit == 0 ? DEFAULT_LIST_LIMIT : limit;
    Inode dir = Resolver.resolve(reader, path, access).existing();
    QueryReply.Builder reply = QueryReply.newBuilder().setFile(FileStatuses.of(dir));
    if (!dir.isDirectory()) {
      return reply.addEntries(FileStatuses.of(dir));
    }
    access.check(dir, Access.READ | Access.EXECUTE);
    String prefix = path.equals("/") ? "/" : path + "/";
    byte[] from = startAfter.isEmpty() ? null : Keys.inode(dir.id(), startAfter);
    try (KvCursor c = reader.scan(Cf.INODES, Keys.children(dir.id()), from)) {
      while (c.next()) {
        String name = Keys.nameOf(c.key());
        if (name.equals(startAfter)) {
          continue;
        }
        if (reply.getEntriesCount() == pageSize) {
          reply.setHasMore(true);
          break;
        }
        reply.addEntries(FileStatuses.of(prefix + name, Resolver.parse(c.value())));
      }
    }
    return reply;
  }

  /** The chunks of a file that overlap [offset, offset + length), with their live replicas; needs read. */
  static QueryReply.Builder locations(KvReader reader, String path, long offset, long length,
                                      ReplicaLocator locator, Access access) throws BfsException {
    if (offset < 0 || length < 0) {
      throw BfsException.invalid(path + ": offset and length must not be negative");
    }
    Inode file = Resolver.resolve(reader, path, access).existing();
    if (file.isDirectory()) {
      throw BfsException.isDirectory(path);
    }
    access.check(file, Access.READ);
    QueryReply.Builder reply = QueryReply.newBuilder().setFile(FileStatuses.of(file));
    long cs = file.record().getChunkSize();
    long end = length == 0 || offset + length < 0 ? Long.MAX_VALUE : offset + length;
    int first = (int) Math.min(offset / cs, Integer.MAX_VALUE);
    try (KvCursor c = reader.scan(Cf.FILES, Keys.id(file.id()), Keys.chunk(file.id(), first))) {
      while (c.next()) {
        int index = Keys.chunkIndex(c.key());
        long chunkOffset = index * cs;
        if (chunkOffset >= end) {
          break;
        }
        ChunkRecord chunk = Edit.parseChunk(c.value());
        reply.addChunks(LocatedChunk.newBuilder()
            .setChunkId(chunk.getChunkId())
            .setVersion(chunk.getVersion())
            .setIndex(index)
            .setOffset(chunkOffset)
            .setLength(chunk.getLength())
            .setComplete(chunk.getComplete())
            .addAllLocations(locator.locate(chunk.getChunkId(), chunk.getVersion()))
            .setCorruptReplicas(locator.corruptReplicas(chunk.getChunkId())));
      }
    }
    return reply;
  }
}
