package io.bigfs.chunkserver.rpc;

import io.bigfs.common.BfsException;
import io.bigfs.common.security.TokenException;
import io.bigfs.common.security.TokenInterceptor;
import io.bigfs.common.security.TokenSigner;
import io.bigfs.proto.AccessToken;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TokenBody;
import io.bigfs.proto.TokenKind;

import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Token mode on a chunkserver: a chunk is served or accepted only with a master's chunk token
 * for that chunk and mode, or on a call from another server (a service token, checked by the
 * {@link TokenInterceptor} before the call gets here). In simple mode everything passes.
 */
public final class ChunkAccess {
  private final TokenSigner signer;
  private final LongSupplier clock;

  /** @param signer the cluster secret; null in simple mode */
  public ChunkAccess(TokenSigner signer, LongSupplier clock) {
    this.signer = signer;
    this.clock = clock;
  }

  public static ChunkAccess open() {
    return new ChunkAccess(null, System::currentTimeMillis);
  }

  /** Throws PERMISSION_DENIED unless the call may {@code mode} (read or write) chunk {@code chunkId}. */
  public void check(AccessToken token, long chunkId, TokenKind mode) throws BfsException {
    if (signer == null || TokenInterceptor.isServiceCall()) {
      return;
    }
    String what = (mode == TokenKind.TOKEN_CHUNK_READ ? "read" : "write") + " chunk " + Long.toUnsignedString(chunkId);
    if (token.getBody().isEmpty()) {
      throw denied(what, "no chunk token (this cluster runs in token mode; ask a master for the chunk's locations)");
    }
    TokenBody body;
    try {
      body = signer.verify(token, clock.getAsLong(), Set.of(mode));
    } catch (TokenException e) {
      throw denied(what, e.getMessage());
    }
    if (body.getChunkId() != chunkId) {
      throw denied(what, "the token is for chunk " + Long.toUnsignedString(body.getChunkId()));
    }
  }

  /** Throws PERMISSION_DENIED unless a master or chunkserver calls (master-ordered repairs). */
  public void checkService(String what) throws BfsException {
    if (signer != null && !TokenInterceptor.isServiceCall()) {
      throw denied(what, "only masters and chunkservers may ask this");
    }
  }

  private static BfsException denied(String what, String reason) {
    return new BfsException(StatusCode.PERMISSION_DENIED, "cannot " + what + ": " + reason);
  }
}
