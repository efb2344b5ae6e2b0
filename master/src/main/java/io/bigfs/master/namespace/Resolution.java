package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;

import java.util.List;

/**
 * A path resolved as far as it goes: the existing directories from the root down to the
 * parent, and the target itself if it exists.
 *
 * @param path      the canonical path
 * @param names     its components
 * @param ancestors existing directories from the root to the parent (the root alone for "/x")
 * @param target    the entry at the path, or null if it does not exist
 */
record Resolution(String path, List<String> names, List<Inode> ancestors, Inode target) {
  Inode parent() {
    return ancestors.get(ancestors.size() - 1);
  }

  String name() {
    return names.isEmpty() ? "" : names.get(names.size() - 1);
  }

  boolean isRoot() {
    return names.isEmpty();
  }

  Inode existing() throws BfsException {
    if (target == null) {
      throw BfsException.notFound(path);
    }
    return target;
  }
}
