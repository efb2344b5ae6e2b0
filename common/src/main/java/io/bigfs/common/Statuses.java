package io.bigfs.common;

import io.bigfs.proto.Status;
import io.bigfs.proto.StatusCode;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The one mapping between wire statuses and Java exceptions, used by every server and client. */
public final class Statuses {
  private static final Status OK = Status.newBuilder().setCode(StatusCode.OK).build();

  private Statuses() {}

  public static Status ok() {
    return OK;
  }

  public static Status of(StatusCode code, String message) {
    return Status.newBuilder().setCode(code).setMessage(message).build();
  }

  public static Status of(BfsException e) {
    return of(e.code(), e.getMessage());
  }

  public static Status notLeader(String leaderHint) {
    return Status.newBuilder().setCode(StatusCode.NOT_LEADER)
        .setMessage("not the leader").setLeaderHint(leaderHint == null ? "" : leaderHint).build();
  }

  public static boolean isOk(Status status) {
    return status.getCode() == StatusCode.OK;
  }

  /** Throws the exception a caller should see for a failed status; returns quietly for OK. */
  public static void check(Status status, String path) throws java.io.IOException {
    if (!isOk(status)) {
      throw toException(status, path);
    }
  }

  /**
   * The exception for a failed status: java.nio.file exceptions where one fits (so that
   * applications can catch what they already know), a {@link BfsException} otherwise.
   */
  public static java.io.IOException toException(Status status, String path) {
    String message = status.getMessage();
    String file = path == null || path.isEmpty() ? null : path;
    return switch (status.getCode()) {
      case NOT_FOUND -> new NoSuchFileException(file, null, reason(message, file));
      case ALREADY_EXISTS -> new FileAlreadyExistsException(file, null, reason(message, file));
      case NOT_EMPTY -> new DirectoryNotEmptyException(file);
      case NOT_DIRECTORY -> new NotDirectoryException(file);
      case PERMISSION_DENIED -> new AccessDeniedException(file, null, reason(message, file));
      default -> new BfsException(status.getCode(), message);
    };
  }

  /** The code behind any exception from {@link #toException}, for callers that branch on it. */
  public static StatusCode codeOf(Throwable e) {
    if (e instanceof BfsException b) {
      return b.code();
    } else if (e instanceof NoSuchFileException) {
      return StatusCode.NOT_FOUND;
    } else if (e instanceof FileAlreadyExistsException) {
      return StatusCode.ALREADY_EXISTS;
    } else if (e instanceof DirectoryNotEmptyException) {
      return StatusCode.NOT_EMPTY;
    } else if (e instanceof NotDirectoryException) {
      return StatusCode.NOT_DIRECTORY;
    } else if (e instanceof AccessDeniedException) {
      return StatusCode.PERMISSION_DENIED;
    }
    return StatusCode.INTERNAL;
  }

  /** The server's message without the path prefix that FileSystemException adds itself. */
  private static String reason(String message, String file) {
    if (file != null && message.startsWith(file + ": ")) {
      return message.substring(file.length() + 2);
    }
    return message;
  }
}
