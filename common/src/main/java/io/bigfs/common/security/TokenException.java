package io.bigfs.common.security;

/** A token that must be refused; the message says why in words a user can act on. */
public final class TokenException extends Exception {
  public TokenException(String message) {
    super(message);
  }
}
