package io.bigfs.shell.fs;

import io.bigfs.shell.RemotePaths;

/**
 * A path on one side of a copy, as the user typed it.
 *
 * @param asDirectory the user wrote it as a directory ("dir/"): it must be one
 */
record Location(Store store, String path, boolean asDirectory) {
  static Location of(Store store, String arg) {
    return new Location(store, arg, RemotePaths.namesDirectory(arg));
  }

  Location child(String name) {
    return new Location(store, store.child(path, name), false);
  }

  Store.Entry stat() throws java.io.IOException {
    return store.stat(path);
  }

  String name() {
    return store.name(path);
  }

  @Override
  public String toString() {
    return path;
  }
}
