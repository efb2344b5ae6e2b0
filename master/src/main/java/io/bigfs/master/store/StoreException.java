package io.bigfs.master.store;

/** RocksDB failed underneath: not an expected outcome of a request, so it is unchecked. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
