package io.bigfs.shell.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** Copying a file to stdout, which may be a pipe that closes early ({@code bfs cat big | head}). */
final class Pipes {
  private static final int BUFFER_BYTES = 1 << 20;

  private Pipes() {}

  /**
   * Copies {@code in} to {@code out} until the end, or until {@code out} fails: a PrintStream
   * swallows a broken pipe, and reading on would fetch the rest of the file for nobody.
   * Returns false when the output went away.
   */
  static boolean copy(InputStream in, PrintStream out) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      if (out.checkError()) {
        return false;
      }
    }
    out.flush();
    return true;
  }
}
