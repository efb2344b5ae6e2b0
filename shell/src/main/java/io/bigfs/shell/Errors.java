package io.bigfs.shell;

import io.bigfs.common.BfsException;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one line a person sees when a command fails ("bfs: /a/b: No such file or directory"),
 * for BigFS and local failures alike. The java.nio.file exceptions get the wording of the
 * Unix tools, whatever reason text they carry, so that messages look the same everywhere.
 */
public final class Errors {
  /** How the masters' denials start: "permission denied: user=bob, access=WRITE, path=/data (...)". */
  private static final String PERMISSION_DENIED = "permission denied:";

  private Errors() {}

  public static String line(Throwable e) {
    return "bfs: " + message(e);
  }

  public static String message(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof AccessDeniedException a && a.getReason() != null
        && a.getReason().startsWith(PERMISSION_DENIED)) {
      return a.getReason(); // the masters' denial names the user, the access and the path itself
    }
    if (t instanceof FileSystemException f) {
      String reason = reason(f);
      return f.getFile() == null ? reason : f.getFile() + ": " + reason;
    }
    if (t instanceof BfsException) {
      return t.getMessage();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }

  private static String reason(FileSystemException f) {
    if (f instanceof NoSuchFileException) {
      return "No such file or directory";
    } else if (f instanceof FileAlreadyExistsException) {
      return "File exists";
    } else if (f instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    } else if (f instanceof NotDirectoryException) {
      return "Not a directory";
    } else if (f instanceof AccessDeniedException) {
      return "Permission denied";
    }
    return f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
  }

  /** Wrappers that only carry an IOException through an API that cannot throw one. */
  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
