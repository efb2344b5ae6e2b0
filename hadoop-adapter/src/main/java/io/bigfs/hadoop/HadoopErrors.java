package io.bigfs.hadoop;

import io.bigfs.common.Statuses;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsDirectoryException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.security.AccessControlException;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * The client library's failures (java.nio.file exceptions, BfsException codes) as the exceptions
 * Hadoop programs catch, chosen as HDFS chooses them. A path below a file is "not found" when it
 * is looked up, but "parent is not a directory" when something is created there.
 */
final class HadoopErrors {
  private HadoopErrors() {}

  /** For reads and removals: a missing path, or one below a file, does not exist. */
  static IOException lookup(IOException e, Path path) {
    return switch (Statuses.codeOf(e)) {
      case NOT_FOUND, NOT_DIRECTORY -> notFound(path, e);
      default -> common(e, path);
    };
  }

  /** For open: a directory cannot be opened, and HDFS says so with "not found". */
  static IOException open(IOException e, Path path) {
    return switch (Statuses.codeOf(e)) {
      case IS_DIRECTORY -> withCause(new FileNotFoundException(path + ": is a directory, not a file"), e);
      default -> lookup(e, path);
    };
  }

  /** For create and mkdirs: what is in the way already exists. */
  static IOException create(IOException e, Path path) {
    return switch (Statuses.codeOf(e)) {
      case NOT_FOUND -> notFound(path, e);
      case NOT_DIRECTORY -> withCause(new ParentNotDirectoryException(path + ": a parent is a file"), e);
      case ALREADY_EXISTS, IS_DIRECTORY -> withCause(new FileAlreadyExistsException(path + ": already exists"), e);
      default -> common(e, path);
    };
  }

  static FileNotFoundException notFound(Path path, Throwable cause) {
    return withCause(new FileNotFoundException(path + ": No such file or directory"), cause);
  }

  private static IOException common(IOException e, Path path) {
    return switch (Statuses.codeOf(e)) {
      case NOT_EMPTY -> withCause(new PathIsNotEmptyDirectoryException(path.toString()), e);
      case IS_DIRECTORY -> withCause(new PathIsDirectoryException(path.toString()), e);
      case ALREADY_EXISTS -> withCause(new FileAlreadyExistsException(path + ": already exists"), e);
      case PERMISSION_DENIED -> withCause(new AccessControlException(path + ": " + e.getMessage()), e);
      default -> e;
    };
  }

  private static <T extends IOException> T withCause(T translated, Throwable cause) {
    translated.initCause(cause);
    return translated;
  }
}
