package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.proto.AddChunkOp;
import io.bigfs.proto.CompleteOp;
import io.bigfs.proto.ExpireLeaseOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.RecoveredFile;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.UpdatePipelineOp;
import io.bigfs.proto.store.ChunkRecord;
import io.bigfs.proto.store.InodeRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writing files: chunk allocation, completion, lease renewal and recovery of abandoned files. */
final class WriteOps {
  private WriteOps() {}

  static LocatedChunk addChunk(Edit edit, AddChunkOp op, List<NodeLocation> placement) throws BfsException {
    Inode file = openFile(edit, op.getPath(), op.getInodeId());
    checkWriter(edit, file);
    InodeRecord rec = file.record();
    int count = rec.getChunkCount();
    if (op.getIndex() != count) {
      throw BfsException.invalid(op.getPath() + ": chunk " + op.getIndex() + " requested, but the file has "
          + count + " chunks");
    }
    if (placement.isEmpty()) {
      throw new BfsException(StatusCode.NO_SPACE, op.getPath() + ": no chunkserver can take a new chunk");
    }
    if (count > 0) {
      byte[] prevKey = Keys.chunk(file.id(), count - 1);
      ChunkRecord prev = Edit.parseChunk(edit.txn.get(Cf.FILES, prevKey));
      edit.txn.put(Cf.FILES, prevKey,
          prev.toBuilder().setComplete(true).setLength(rec.getChunkSize()).build().toByteArray());
    }
    long chunkId = edit.counters.nextChunkId++;
    ChunkRecord chunk = ChunkRecord.newBuilder().setChunkId(chunkId).setVersion(1).build();
    byte[] key = Keys.chunk(file.id(), count);
    edit.txn.put(Cf.FILES, key, chunk.toByteArray());
    edit.txn.put(Cf.CHUNKS, Keys.id(chunkId), key);
    edit.counters.chunks++;
    edit.put(file.with(rec.toBuilder()
        .setChunkCount(count + 1)
        .setLength(count * rec.getChunkSize())
        .setMtimeMs(edit.now)
        .build()));
    Leases.renew(edit.txn, edit.clientId.toByteArray(), edit.now);
    return LocatedChunk.newBuilder()
        .setChunkId(chunkId)
        .setVersion(chunk.getVersion())
        .setIndex(count)
        .setOffset(count * rec.getChunkSize())
        .addAllLocations(placement)
        .build();
  }

  /**
   * A replica of the chunk being written failed: the chunk's version goes up, so the failed
   * replica is stale from now on, and the pipeline is the survivors plus the leader's replacements.
   */
  static LocatedChunk updatePipeline(Edit edit, UpdatePipelineOp op, List<NodeLocation> placement)
      throws BfsException {
    Inode file = openFile(edit, op.getPath(), op.getInodeId());
    checkWriter(edit, file);
    InodeRecord rec = file.record();
    // Index -1 of a file without chunks would pass the second test and find no record.
    if (op.getIndex() < 0) {
      throw BfsException.invalid(op.getPath() + ": chunk index must not be negative (" + op.getIndex() + ")");
    }
    if (op.getIndex() + 1 != rec.getChunkCount()) {
      throw BfsException.invalid(op.getPath() + ": chunk " + op.getIndex() + " is not the one being written");
    }
    byte[] key = Keys.chunk(file.id(), op.getIndex());
    ChunkRecord chunk = Edit.parseChunk(edit.txn.get(Cf.FILES, key));
    if (chunk.getChunkId() != op.getChunkId()) {
      throw BfsException.invalid(op.getPath() + ": chunk " + op.getIndex() + " is not chunk " + op.getChunkId());
    }
    if (placement.isEmpty()) {
      throw new BfsException(StatusCode.NO_SPACE, op.getPath() + ": no node left for chunk " + op.getChunkId());
    }
    ChunkRecord bumped = chunk.toBuilder().setVersion(chunk.getVersion() + 1).build();
    edit.txn.put(Cf.FILES, key, bumped.toByteArray());
    Leases.renew(edit.txn, edit.clientId.toByteArray(), edit.now);
    return LocatedChunk.newBuilder()
        .setChunkId(bumped.getChunkId())
        .setVersion(bumped.getVersion())
        .setIndex(op.getIndex())
        .setOffset(op.getIndex() * rec.getChunkSize())
        .addAllLocations(placement)
        .build();
  }

  static FileStatus complete(Edit edit, CompleteOp op) throws BfsException {
    Inode file = openFile(edit, op.getPath(), op.getInodeId());
    InodeRecord rec = file.record();
    if (rec.getWriter().isEmpty() && rec.getLength() == op.getLength()) {
      return FileStatuses.of(file); // completed already: a repeated close is no error
    }
    checkWriter(edit, file);
    long cs = rec.getChunkSize();
    long count = rec.getChunkCount();
    long min = count == 0 ? 0 : (count - 1) * cs;
    if (op.getLength() < min || op.getLength() > count * cs) {
      throw BfsException.invalid(op.getPath() + ": length " + Long.toUnsignedString(op.getLength())
          + " does not fit the file's " + count + " chunks of " + cs + " bytes");
    }
    return FileStatuses.of(close(edit, file, op.getLength()));
  }

  static void renewLease(Edit edit) {
    Leases.renew(edit.txn, edit.clientId.toByteArray(), edit.now);
  }

  /** A holder stopped renewing: each of its files is closed at the length the leader recovered. */
  static void expireLease(Edit edit, ExpireLeaseOp op) {
    byte[] holder = op.getHolder().toByteArray();
    Map<Long, RecoveredFile> recovered = new HashMap<>();
    for (RecoveredFile f : op.getFilesList()) {
      recovered.put(f.getInodeId(), f);
    }
    for (long inodeId : Leases.filesOf(edit.txn, holder)) {
      Inode file = Resolver.byId(edit.txn, inodeId);
      if (file != null && file.record().getWriter().equals(op.getHolder())) {
        InodeRecord rec = file.record();
        RecoveredFile r = recovered.get(inodeId);
        long length = Math.min(rec.getChunkCount() * rec.getChunkSize(), r != null ? r.getLength() : rec.getLength());
        Inode closed = closeFile(edit, file, length);
        if (r != null && r.getLastChunkVersion() > 0 && closed.record().getChunkCount() > 0) {
          setLastChunkVersion(edit, closed, r.getLastChunkVersion());
        }
      }
    }
    Leases.releaseAll(edit.txn, holder);
  }

  /**
   * Closes a file at {@code length}: chunks past it are dropped, the last one is completed with
   * its length, and the writer's lease ends.
   */
  private static Inode close(Edit edit, Inode file, long length) {
    Inode closed = closeFile(edit, file, length);
    Leases.release(edit.txn, file.record().getWriter().toByteArray(), file.id());
    return closed;
  }

  /** Closes a file at {@code length}, leaving its lease entry to the caller. */
  private static Inode closeFile(Edit edit, Inode file, long length) {
    InodeRecord rec = file.record();
    long cs = rec.getChunkSize();
    int keep = (int) ((length + cs - 1) / cs);
    if (keep < rec.getChunkCount()) {
      edit.dropChunks(file.id(), keep);
    }
    if (keep > 0) {
      byte[] lastKey = Keys.chunk(file.id(), keep - 1);
      ChunkRecord last = Edit.parseChunk(edit.txn.get(Cf.FILES, lastKey));
      edit.txn.put(Cf.FILES, lastKey, last.toBuilder()
          .setComplete(true).setLength(length - (keep - 1) * cs).build().toByteArray());
    }
    Inode closed = file.with(rec.toBuilder()
        .setChunkCount(keep)
        .setLength(length)
        .clearWriter()
        .setMtimeMs(edit.now)
        .build());
    edit.put(closed);
    return closed;
  }

  private static void setLastChunkVersion(Edit edit, Inode file, long version) {
    byte[] key = Keys.chunk(file.id(), file.record().getChunkCount() - 1);
    ChunkRecord last = Edit.parseChunk(edit.txn.get(Cf.FILES, key));
    if (version > last.getVersion()) {
      edit.txn.put(Cf.FILES, key, last.toBuilder().setVersion(version).build().toByteArray());
    }
  }

  /** A file that is being written: exists, is a file, and is the one the writer created. */
  private static Inode openFile(Edit edit, String path, long inodeId) throws BfsException {
    Inode file = Resolver.resolve(edit.txn, path).existing();
    if (file.isDirectory()) {
      throw BfsException.isDirectory(path);
    }
    if (file.id() != inodeId) {
      throw new BfsException(StatusCode.NOT_FOUND, path + ": the file was deleted or replaced while being written");
    }
    return file;
  }

  private static void checkWriter(Edit edit, Inode file) throws BfsException {
    if (!file.record().getWriter().equals(edit.clientId)) {
      String why = file.record().getWriter().isEmpty()
          ? "is not open for writing (its lease may have expired)"
          : "is being written by another client";
      throw new BfsException(StatusCode.LEASE_CONFLICT, file.path() + ": " + why);
    }
  }

  /** Refuses to replace a file that another client is writing. */
  static void checkNotWrittenByOther(Edit edit, Inode file) throws BfsException {
    if (!file.record().getWriter().isEmpty() && !file.record().getWriter().equals(edit.clientId)) {
      throw new BfsException(StatusCode.LEASE_CONFLICT, file.path() + ": is being written by another client");
    }
  }
}
