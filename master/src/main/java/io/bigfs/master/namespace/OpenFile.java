package io.bigfs.master.namespace;

import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvReader;
import io.bigfs.proto.store.ChunkRecord;
import io.bigfs.proto.store.InodeRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A file a lease holder is writing, with its last chunk: what lease recovery needs to decide
 * the file's final length.
 *
 * @param lastChunkId 0 when the file has no chunk yet
 */
public record OpenFile(long inodeId, String path, long chunkSize, int chunkCount, long lastChunkId,
                       long lastVersion, boolean lastComplete) {

  /** The files {@code holder} is writing. */
  public static List<OpenFile> of(KvReader reader, byte[] holder) {
    List<OpenFile> files = new ArrayList<>();
    for (long inodeId : Leases.filesOf(reader, holder)) {
      Inode inode = Resolver.byId(reader, inodeId);
      if (inode == null || inode.isDirectory()) {
        continue;
      }
      InodeRecord r = inode.record();
      ChunkRecord last = r.getChunkCount() == 0 ? null
          : Edit.parseChunk(reader.get(Cf.FILES, Keys.chunk(inodeId, r.getChunkCount() - 1)));
      files.add(new OpenFile(inodeId, inode.path(), r.getChunkSize(), r.getChunkCount(),
          last == null ? 0 : last.getChunkId(), last == null ? 0 : last.getVersion(),
          last == null || last.getComplete()));
    }
    return files;
  }

  /** File offset where the last chunk starts. */
  public long lastChunkOffset() {
    return chunkCount == 0 ? 0 : (chunkCount - 1) * chunkSize;
  }
}
