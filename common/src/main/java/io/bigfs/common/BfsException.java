package io.bigfs.common;

import io.bigfs.proto.StatusCode;

import java.io.IOException;

/**
 * An expected failure with its wire status code: a missing file, a bad argument, a lost lease.
 * Servers throw it to refuse a request; {@link Statuses} turns it into a reply status and back.
 */
public class BfsException extends IOException {
  private final StatusCode code;

  public BfsException(StatusCode code, String message) {
    super(message);
    this.code = code;
  }

  public StatusCode code() {
    return code;
  }

  public static BfsException notFound(String path) {
    return new BfsException(StatusCode.NOT_FOUND, path + ": No such file or directory");
  }

  public static BfsException alreadyExists(String path) {
    return new BfsException(StatusCode.ALREADY_EXISTS, path + ": File exists");
  }

  public static BfsException notDirectory(String path) {
    return new BfsException(StatusCode.NOT_DIRECTORY, path + ": Not a directory");
  }

  public static BfsException isDirectory(String path) {
    return new BfsException(StatusCode.IS_DIRECTORY, path + ": Is a directory");
  }

  public static BfsException notEmpty(String path) {
    return new BfsException(StatusCode.NOT_EMPTY, path + ": Directory not empty");
  }

  public static BfsException invalid(String message) {
    return new BfsException(StatusCode.INVALID_ARGUMENT, message);
  }
}
