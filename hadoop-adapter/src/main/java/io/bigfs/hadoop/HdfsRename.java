package io.bigfs.hadoop;

import io.bigfs.client.BfsClient;
import io.bigfs.client.FileInfo;
import io.bigfs.common.BfsPaths;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * {@code FileSystem.rename(src, dst)} with the answers HDFS gives: onto an existing directory
 * moves the source inside it; never replaces anything; a rename that cannot happen (missing
 * source, existing target, missing or file parent, into itself, the root) returns false instead of
 * throwing. The masters check every rule again when they apply the rename, so a race with
 * another client can turn true into false but never replace a file.
 */
final class HdfsRename {
  private HdfsRename() {}

  static boolean rename(BfsClient client, String src, String dst) throws IOException {
    if (src.equals(BfsPaths.ROOT)) {
      return false;
    }
    FileInfo source = statOrNull(client, src);
    if (source == null) {
      return false;
    }
    if (dst.equals(src)) {
      return true;
    }
    String target = dst;
    FileInfo existing = statOrNull(client, dst);
    if (existing != null && existing.directory()) {
      target = BfsPaths.child(dst, source.name());
      existing = target.equals(src) ? source : statOrNull(client, target);
    }
    if (target.equals(src)) {
      return true;
    }
    if (existing != null || BfsPaths.isSameOrBelow(target, src)) {
      return false;
    }
    try {
      client.rename(src, target);
      return true;
    } catch (NoSuchFileException | NotDirectoryException | FileAlreadyExistsException e) {
      return false;
    }
  }

  private static FileInfo statOrNull(BfsClient client, String path) throws IOException {
    try {
      return client.stat(path);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return null;
    }
  }
}
