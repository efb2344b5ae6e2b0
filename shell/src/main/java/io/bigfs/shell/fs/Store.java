package io.bigfs.shell.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * One side of a copy, the local disk or BigFS, so that one copy engine serves put, get and cp
 * in every direction. Paths are in the side's own syntax.
 */
interface Store {
  /** What is at {@code path}, or null when nothing is. */
  Entry stat(String path) throws IOException;

  /** The names in a directory, sorted. */
  List<String> list(String dir) throws IOException;

  InputStream open(String path) throws IOException;

  /** A file being written: it appears at its path only when committed. */
  Sink create(String path, boolean overwrite) throws IOException;

  /** Makes one directory; its parent must exist. */
  void mkdir(String path) throws IOException;

  /** Makes a directory and any missing parents. */
  void mkdirs(String path) throws IOException;

  String child(String dir, String name);

  String name(String path);

  /** True when {@code path} is {@code ancestor} or lies below it. */
  boolean isSameOrBelow(String path, String ancestor);

  /** A file or directory. */
  record Entry(boolean directory, long length) {}

  /** A file being written. */
  abstract class Sink {
    private final OutputStream stream;

    Sink(OutputStream stream) {
      this.stream = stream;
    }

    OutputStream stream() {
      return stream;
    }

    /** Makes the file complete and visible at its path. */
    abstract void commit() throws IOException;

    /** Gives up: nothing is left at the path that was not there before (best effort). */
    abstract void abort();
  }
}
