package io.bigfs.common.security;

import io.bigfs.proto.TokenKind;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The token a master or chunkserver presents to the others: minted by itself from the cluster
 * secret, short-lived, and minted again once half its life has passed.
 */
public final class ServiceTokens implements Supplier<String> {
  /** Long enough that renewal is rare, short enough that a leaked one soon stops working. */
  public static final long TTL_MS = 3_600_000;

  private final TokenSigner signer;
  private final String name;
  private final LongSupplier clock;
  private String current;
  private long renewAtMs;

  /** @param name who presents the tokens, e.g. "chunkserver 10.0.0.5:9870", for the servers' logs */
  public ServiceTokens(TokenSigner signer, String name, LongSupplier clock) {
    this.signer = signer;
    this.name = name;
    this.clock = clock;
  }

  @Override
  public synchronized String get() {
    long now = clock.getAsLong();
    if (current == null || now >= renewAtMs) {
      current = TokenText.encode(signer.sign(TokenKind.TOKEN_SERVICE, name, now + TTL_MS, 0));
      renewAtMs = now + TTL_MS / 2;
    }
    return current;
  }
}
