package io.bigfs.master.namespace;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bigfs.common.BfsException;
import io.bigfs.common.BfsPaths;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.Txn;
import io.bigfs.proto.store.ChunkRecord;
import io.bigfs.proto.store.InodeRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One command being applied: the transaction, the counters, the command's time and caller,
 * and the writes every operation shares (new entries, parent updates, subtree removal).
 */
final class Edit {
  final Txn txn;
  final Counters counters;
  final long now;
  final String user;
  final ByteString clientId;
  /** The caller's permission checks ({@link Access#UNCHECKED} for the masters' own commands). */
  final Access access;

  Edit(Txn txn, Counters counters, long now, String user, ByteString clientId, Access access) {
    this.txn = txn;
    this.counters = counters;
    this.now = now;
    this.user = user;
    this.clientId = clientId;
    this.access = access;
  }

  void put(Inode inode) {
    txn.put(Cf.INODES, inode.key(), inode.record().toByteArray());
  }

  /** Adds a new entry under {@code parent}, keeping the parent's child count and mtime. */
  Inode addEntry(Inode parent, String name, String path, InodeRecord record) {
    Inode entry = new Inode(path, Keys.inode(parent.id(), name), record);
    put(entry);
    txn.put(Cf.PARENTS, Keys.id(record.getId()), entry.key());
    if (record.getDirectory()) {
      counters.directories++;
    } else {
      counters.files++;
    }
    touchDirectory(parent, +1);
    return entry;
  }

  /**
   * Re-reads a directory from the transaction (an earlier step may have changed it), adjusts
   * its child count and sets its mtime to now.
   */
  Inode touchDirectory(Inode dir, int childDelta) {
    InodeRecord current = Resolver.parse(txn.get(Cf.INODES, dir.key()));
    Inode updated = dir.with(current.toBuilder()
        .setChildren(current.getChildren() + childDelta)
        .setMtimeMs(now)
        .build());
    put(updated);
    return updated;
  }

  /**
   * Resolves {@code path} as the caller, who must be able to traverse every directory on the
   * way; with {@code createParents}, missing directories are made (with {@code mode} plus owner
   * write and execute, as HDFS does, so the caller can go on below them) instead of failing, each
   * where the caller may write.
   */
  Resolution parentsCreated(String path, boolean createParents, int mode) throws BfsException {
    if (!createParents) {
      return Resolver.resolve(txn, path, access);
    }
    List<String> names = BfsPaths.components(path);
    Inode current = Resolver.root(txn);
    if (names.isEmpty()) {
      return new Resolution(path, names, List.of(current), current);
    }
    List<Inode> ancestors = new ArrayList<>();
    String walked = "";
    for (String name : names.subList(0, names.size() - 1)) {
      ancestors.add(current);
      walked = walked + "/" + name;
      access.traverse(current);
      Inode next = Resolver.lookup(txn, current, name, walked);
      if (next == null) {
        access.check(current, Access.WRITE);
        next = addEntry(current, name, walked, TreeOps.newDirectory(this, current, mode | 0300));
      } else if (!next.isDirectory()) {
        throw BfsException.notDirectory(walked);
      }
      current = next;
    }
    ancestors.add(current);
    access.traverse(current);
    String last = names.get(names.size() - 1);
    return new Resolution(path, names, ancestors, Resolver.lookup(txn, current, last, path));
  }

  /**
   * Removes an entry and everything below it; chunks go to the deletion queue. The caller needs
   * read, write and execute on every directory that is not empty (as HDFS's recursive delete);
   * a denial midway is undone with the rest of the command.
   */
  void removeTree(Inode parent, Inode entry) throws BfsException {
    removeBelow(entry);
    touchDirectory(parent, -1);
  }

  private void removeBelow(Inode entry) throws BfsException {
    if (entry.isDirectory()) {
      if (entry.record().getChildren() > 0) {
        access.check(entry, Access.ALL);
      }
      List<Inode> children = new ArrayList<>();
      try (KvCursor c = txn.scan(Cf.INODES, Keys.children(entry.id()), null)) {
        while (c.next()) {
          String name = Keys.nameOf(c.key());
          children.add(new Inode(entry.path() + "/" + name, c.key(), Resolver.parse(c.value())));
        }
      }
      for (Inode child : children) {
        removeBelow(child);
      }
      counters.directories--;
    } else {
      dropChunks(entry.id(), 0);
      if (!entry.record().getWriter().isEmpty()) {
        Leases.release(txn, entry.record().getWriter().toByteArray(), entry.id());
      }
      counters.files--;
    }
    txn.delete(Cf.INODES, entry.key());
    txn.delete(Cf.PARENTS, Keys.id(entry.id()));
  }

  /** Drops the chunks of a file from index {@code fromIndex} on, queueing their replicas for deletion. */
  void dropChunks(long inodeId, int fromIndex) {
    List<byte[]> keys = new ArrayList<>();
    List<Long> chunkIds = new ArrayList<>();
    try (KvCursor c = txn.scan(Cf.FILES, Keys.id(inodeId), Keys.chunk(inodeId, fromIndex))) {
      while (c.next()) {
        keys.add(c.key());
        chunkIds.add(parseChunk(c.value()).getChunkId());
      }
    }
    for (int i = 0; i < keys.size(); i++) {
      txn.delete(Cf.FILES, keys.get(i));
      txn.delete(Cf.CHUNKS, Keys.id(chunkIds.get(i)));
      txn.put(Cf.DELETED, Keys.id(chunkIds.get(i)), ByteBuffer.allocate(8).putLong(now).array());
      counters.chunks--;
    }
  }

  static ChunkRecord parseChunk(byte[] value) {
    try {
      return ChunkRecord.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt chunk record", e);
    }
  }
}
