package io.bigfs.common.security;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bigfs.proto.AccessToken;
import io.bigfs.proto.TokenBody;
import io.bigfs.proto.TokenKind;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Makes and checks tokens with the cluster secret: HMAC-SHA256 over the serialized body. Every
 * master and chunkserver holds the same secret, so any of them can check what another signed.
 * Thread-safe.
 */
public final class TokenSigner {
  /** Shorter secrets would make the HMAC guessable; 32 bytes is the hash's own strength. */
  public static final int MIN_SECRET_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public TokenSigner(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the cluster secret has " + secret.length + " bytes; at least "
          + MIN_SECRET_BYTES + " are needed (e.g. openssl rand -base64 48 > secret)");
    }
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /** Reads the secret from a file; surrounding whitespace (a trailing newline) is not part of it. */
  public static TokenSigner fromFile(Path file) throws IOException {
    String text = Files.readString(file).strip();
    return new TokenSigner(text.getBytes(StandardCharsets.UTF_8));
  }

  public AccessToken sign(TokenBody body) {
    ByteString bytes = body.toByteString();
    return AccessToken.newBuilder().setBody(bytes).setMac(ByteString.copyFrom(mac(bytes))).build();
  }

  /** A signed token of {@code kind} for {@code user}, valid until {@code expiresMs}. */
  public AccessToken sign(TokenKind kind, String user, long expiresMs, long chunkId) {
    return sign(TokenBody.newBuilder().setKind(kind).setUser(user).setExpiresMs(expiresMs).setChunkId(chunkId)
        .build());
  }

  /**
   * Checks the signature first (nothing unsigned is even parsed), then the kind and the expiry.
   * Returns the body of a token that may be honoured.
   */
  public TokenBody verify(AccessToken token, long nowMs, Set<TokenKind> accepted) throws TokenException {
    if (token.getBody().isEmpty()) {
      throw new TokenException("no token");
    }
    if (!MessageDigest.isEqual(mac(token.getBody()), token.getMac().toByteArray())) {
      throw new TokenException("the token's signature does not match: it was altered, forged, or signed with "
          + "another cluster's secret");
    }
    TokenBody body;
    try {
      body = TokenBody.parseFrom(token.getBody());
    } catch (InvalidProtocolBufferException e) {
      throw new TokenException("unreadable token body");
    }
    if (!accepted.contains(body.getKind())) {
      throw new TokenException("a " + describe(body.getKind()) + " token cannot be used here (needed: "
          + String.join(" or ", accepted.stream().map(TokenSigner::describe).sorted().toList()) + ")");
    }
    if (nowMs >= body.getExpiresMs()) {
      throw new TokenException("the token of " + body.getUser() + " expired at "
          + Instant.ofEpochMilli(body.getExpiresMs()));
    }
    return body;
  }

  /** "user", "service", "chunk read", "chunk write". */
  public static String describe(TokenKind kind) {
    return kind.name().replaceFirst("^TOKEN_", "").replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  private byte[] mac(ByteString body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(body.asReadOnlyByteBuffer());
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
