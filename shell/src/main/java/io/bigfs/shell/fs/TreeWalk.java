package io.bigfs.shell.fs;

import io.bigfs.client.BfsClient;
import io.bigfs.client.FileInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Visits a subtree of the namespace, each directory before its entries, in name order.
 * Directories are read a page at a time, so a huge directory never sits in memory whole; the
 * recursion is bounded by the namespace's depth limit (256).
 */
public final class TreeWalk {
  private TreeWalk() {}

  /** What is done to each entry. */
  @FunctionalInterface
  public interface Visitor {
    void visit(FileInfo entry) throws IOException;
  }

  /** Applies {@code action} to the entry at {@code path}, and with {@code recursive} to all below it. */
  public static void apply(BfsClient client, String path, boolean recursive, Visitor action) throws IOException {
    if (recursive) {
      walk(client, client.stat(path), action);
    } else {
      action.visit(client.stat(path));
    }
  }

  public static void walk(BfsClient client, FileInfo top, Visitor visitor) throws IOException {
    visitor.visit(top);
    if (!top.directory()) {
      return;
    }
    try {
      Iterator<FileInfo> entries = client.listIterator(top.path());
      while (entries.hasNext()) {
        walk(client, entries.next(), visitor);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
