package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;
import io.bigfs.common.BfsPaths;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.DeleteOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.MkdirsOp;
import io.bigfs.proto.RenameOp;
import io.bigfs.proto.SetOwnerOp;
import io.bigfs.proto.SetPermissionOp;
import io.bigfs.proto.SetReplicationOp;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.store.InodeRecord;

/**
 * Mutations of the directory tree: mkdirs, create, delete, rename and attribute changes, each
 * checking the caller's permissions (see {@link Access}) as HDFS does before it changes anything.
 */
final class TreeOps {
  static final int DEFAULT_DIR_MODE = 0755;
  static final int DEFAULT_FILE_MODE = 0644;

  private TreeOps() {}

  static FileStatus mkdirs(Edit edit, MkdirsOp op) throws BfsException {
    int mode = op.getMode() == 0 ? DEFAULT_DIR_MODE : Limits.mode(op.getMode());
    Resolution r = edit.parentsCreated(op.getPath(), op.getParents(), mode);
    if (r.target() != null) {
      if (!r.target().isDirectory()) {
        throw BfsException.alreadyExists(r.path());
      }
      if (!op.getParents()) {
        throw BfsException.alreadyExists(r.path());
      }
      return FileStatuses.of(r.target());
    }
    edit.access.check(r.parent(), Access.WRITE);
    return FileStatuses.of(edit.addEntry(r.parent(), r.name(), r.path(), newDirectory(edit, r.parent(), mode)));
  }

  static FileStatus create(Edit edit, CreateOp op) throws BfsException {
    Limits.replication(op.getReplication());
    Limits.chunkSize(op.getChunkSize());
    int mode = op.getMode() == 0 ? DEFAULT_FILE_MODE : Limits.mode(op.getMode());
    int parentMode = op.getParentMode() == 0 ? DEFAULT_DIR_MODE : Limits.mode(op.getParentMode());
    Resolution r = edit.parentsCreated(op.getPath(), op.getCreateParents(), parentMode);
    if (r.isRoot()) {
      throw BfsException.isDirectory(r.path());
    }
    Inode parent = r.parent();
    edit.access.check(parent, Access.WRITE);
    if (r.target() != null) {
      Inode existing = r.target();
      if (existing.isDirectory()) {
        throw BfsException.isDirectory(r.path());
      }
      if (!op.getOverwrite()) {
        throw BfsException.alreadyExists(r.path());
      }
      edit.access.check(existing, Access.WRITE);
      WriteOps.checkNotWrittenByOther(edit, existing);
      edit.removeTree(parent, existing);
    }
    InodeRecord file = InodeRecord.newBuilder()
        .setId(edit.counters.nextInodeId++)
        .setMode(mode)
        .setOwner(edit.user)
        .setGroup(parent.record().getGroup())
        .setMtimeMs(edit.now)
        .setAtimeMs(edit.now)
        .setReplication(op.getReplication())
        .setChunkSize(op.getChunkSize())
        .setWriter(edit.clientId)
        .build();
    Inode created = edit.addEntry(parent, r.name(), r.path(), file);
    Leases.grant(edit.txn, edit.clientId.toByteArray(), file.getId(), edit.now);
    return FileStatuses.of(created);
  }

  static void delete(Edit edit, DeleteOp op) throws BfsException {
    Resolution r = Resolver.resolve(edit.txn, op.getPath(), edit.access);
    if (r.isRoot()) {
      throw BfsException.invalid("/: the root directory cannot be deleted");
    }
    edit.access.check(r.parent(), Access.WRITE);
    Inode target = r.existing();
    edit.access.sticky(r.parent(), target);
    if (target.isDirectory() && target.record().getChildren() > 0 && !op.getRecursive()) {
      throw BfsException.notEmpty(r.path());
    }
    edit.removeTree(r.parent(), target);
  }

  static FileStatus rename(Edit edit, RenameOp op) throws BfsException {
    Resolution src = Resolver.resolve(edit.txn, op.getSource(), edit.access);
    if (src.isRoot()) {
      throw BfsException.invalid("/: the root directory cannot be renamed");
    }
    edit.access.check(src.parent(), Access.WRITE);
    Inode moving = src.existing();
    edit.access.sticky(src.parent(), moving);
    BfsPaths.components(op.getTarget());
    if (op.getTarget().equals(src.path())) {
      return FileStatuses.of(moving);
    }
    if (BfsPaths.isSameOrBelow(op.getTarget(), src.path())) {
      throw BfsException.invalid(BfsPaths.quote(op.getTarget())
          + ": cannot move " + BfsPaths.quote(src.path()) + " into itself");
    }
    Resolution dst = Resolver.resolve(edit.txn, op.getTarget(), edit.access);
    if (dst.isRoot()) {
      throw BfsException.alreadyExists("/");
    }
    edit.access.check(dst.parent(), Access.WRITE);
    if (dst.target() != null) {
      replaceTarget(edit, op, moving, dst);
    }
    // Move the entry: same record, new key. Re-read the parents, which may be one directory.
    edit.txn.delete(Cf.INODES, moving.key());
    edit.touchDirectory(src.parent(), -1);
    Inode dstParent = edit.touchDirectory(dst.parent(), +1);
    Inode moved = new Inode(dst.path(), Keys.inode(dstParent.id(), dst.name()), moving.record());
    edit.put(moved);
    edit.txn.put(Cf.PARENTS, Keys.id(moved.id()), moved.key());
    return FileStatuses.of(moved);
  }

  private static void replaceTarget(Edit edit, RenameOp op, Inode moving, Resolution dst) throws BfsException {
    Inode existing = dst.target();
    if (!op.getOverwrite()) {
      throw BfsException.alreadyExists(dst.path());
    }
    if (existing.isDirectory() && !moving.isDirectory()) {
      throw BfsException.isDirectory(dst.path());
    }
    if (!existing.isDirectory() && moving.isDirectory()) {
      throw BfsException.notDirectory(dst.path());
    }
    if (existing.isDirectory() && existing.record().getChildren() > 0) {
      throw BfsException.notEmpty(dst.path());
    }
    edit.access.sticky(dst.parent(), existing);
    WriteOps.checkNotWrittenByOther(edit, existing);
    edit.removeTree(dst.parent(), existing);
  }

  static FileStatus setPermission(Edit edit, SetPermissionOp op) throws BfsException {
    Inode target = Resolver.resolve(edit.txn, op.getPath(), edit.access).existing();
    edit.access.owner(target, "the mode");
    return update(edit, target, target.record().toBuilder().setMode(Limits.mode(op.getMode())).build());
  }

  static FileStatus setOwner(Edit edit, SetOwnerOp op) throws BfsException {
    Inode target = Resolver.resolve(edit.txn, op.getPath(), edit.access).existing();
    if (op.getOwner().isEmpty() && op.getGroup().isEmpty()) {
      throw BfsException.invalid("set owner: give an owner, a group or both");
    }
    edit.access.owner(target, "the owner or group");
    edit.access.changeOwner(target, op.getOwner(), op.getGroup());
    InodeRecord.Builder b = target.record().toBuilder();
    if (!op.getOwner().isEmpty()) {
      b.setOwner(Limits.principal("owner", op.getOwner()));
    }
    if (!op.getGroup().isEmpty()) {
      b.setGroup(Limits.principal("group", op.getGroup()));
    }
    return update(edit, target, b.build());
  }

  static FileStatus setReplication(Edit edit, SetReplicationOp op) throws BfsException {
    Limits.replication(op.getReplication());
    Inode target = Resolver.resolve(edit.txn, op.getPath(), edit.access).existing();
    if (target.isDirectory()) {
      throw new BfsException(StatusCode.IS_DIRECTORY, op.getPath() + ": replication applies to files only");
    }
    edit.access.check(target, Access.WRITE);
    return update(edit, target, target.record().toBuilder().setReplication(op.getReplication()).build());
  }

  private static FileStatus update(Edit edit, Inode target, InodeRecord changed) {
    Inode updated = target.with(changed);
    edit.put(updated);
    return FileStatuses.of(updated);
  }

  static InodeRecord newDirectory(Edit edit, Inode parent, int mode) {
    return InodeRecord.newBuilder()
        .setId(edit.counters.nextInodeId++)
        .setDirectory(true)
        .setMode(mode)
        .setOwner(edit.user)
        .setGroup(parent.record().getGroup())
        .setMtimeMs(edit.now)
        .setAtimeMs(edit.now)
        .build();
  }
}
