package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;
import io.bigfs.common.Modes;
import io.bigfs.proto.Principal;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.store.InodeRecord;

/**
 * The permission checks of one caller, by the POSIX rules HDFS follows: the owner's bits if the
 * caller owns the entry, else the group's bits if the caller is in its group, else the others'
 * bits; the superuser passes every check. It reads only the entry and the {@link Principal} the
 * command carries, so every master reaches the same decision while applying.
 */
final class Access {
  static final int READ = 4;
  static final int WRITE = 2;
  static final int EXECUTE = 1;
  static final int ALL = READ | WRITE | EXECUTE;
  static final int STICKY = 01000;

  /** Allows everything: permissions off, the superuser, or a command from before permissions. */
  static final Access UNCHECKED = new Access(null);

  /** Null when every check passes. */
  private final Principal principal;

  private Access(Principal principal) {
    this.principal = principal;
  }

  static Access of(Principal principal) {
    return principal.getCheckPermissions() && !principal.getSuperuser() ? new Access(principal) : UNCHECKED;
  }

  /** Walking through a directory to reach what is below it needs execute on it. */
  void traverse(Inode dir) throws BfsException {
    check(dir, EXECUTE);
  }

  /** The caller needs every bit of {@code action} (READ, WRITE, EXECUTE) on {@code inode}. */
  void check(Inode inode, int action) throws BfsException {
    if (principal != null && (granted(inode.record()) & action) != action) {
      throw denied(actionName(action), inode, "");
    }
  }

  /** Only the owner (or the superuser) changes an entry's mode, owner or group. */
  void owner(Inode inode, String what) throws BfsException {
    if (principal != null && !isOwner(inode.record())) {
      throw denied("OWNER", inode, ": only the owner or the superuser changes " + what);
    }
  }

  /**
   * In a directory with the sticky bit, only the entry's owner, the directory's owner or the
   * superuser removes or renames an entry (as /tmp on Unix).
   */
  void sticky(Inode parent, Inode entry) throws BfsException {
    if (principal != null && (parent.record().getMode() & STICKY) != 0
        && !isOwner(parent.record()) && !isOwner(entry.record())) {
      throw denied("STICKY", entry, ": the sticky bit of " + parent.path() + " ("
          + describe(parent.record()) + ") lets only the owners remove or rename it");
    }
  }

  /**
   * A new owner is the superuser's to give; a new group is the owner's to give, and only a group
   * the owner belongs to (as the master knows groups, see README: Permissions).
   */
  void changeOwner(Inode inode, String newOwner, String newGroup) throws BfsException {
    if (principal == null) {
      return;
    }
    if (!newOwner.isEmpty() && !newOwner.equals(principal.getUser())) {
      throw denied("SUPERUSER", inode, ": only the superuser gives a file to another user");
    }
    if (!newGroup.isEmpty() && !principal.getGroupsList().contains(newGroup)) {
      throw denied("GROUP", inode, ": " + principal.getUser() + " is not in group " + newGroup);
    }
  }

  private int granted(InodeRecord r) {
    int mode = r.getMode();
    if (isOwner(r)) {
      return (mode >> 6) & 7;
    }
    if (principal.getGroupsList().contains(r.getGroup())) {
      return (mode >> 3) & 7;
    }
    return mode & 7;
  }

  private boolean isOwner(InodeRecord r) {
    return r.getOwner().equals(principal.getUser());
  }

  private BfsException denied(String access, Inode inode, String why) {
    return new BfsException(StatusCode.PERMISSION_DENIED, "permission denied: user=" + principal.getUser()
        + ", access=" + access + ", path=" + inode.path() + " (" + describe(inode.record()) + ")" + why);
  }

  /** "alice:staff drwxr-x---", as ls shows an entry. */
  static String describe(InodeRecord r) {
    return r.getOwner() + ":" + r.getGroup() + " " + Modes.symbolic(r.getDirectory(), r.getMode());
  }

  private static String actionName(int action) {
    return switch (action) {
      case READ -> "READ";
      case WRITE -> "WRITE";
      case EXECUTE -> "EXECUTE";
      case READ | EXECUTE -> "READ_EXECUTE";
      case ALL -> "ALL";
      default -> Integer.toOctalString(action);
    };
  }
}
