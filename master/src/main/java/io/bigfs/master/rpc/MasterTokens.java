package io.bigfs.master.rpc;

import io.bigfs.common.Statuses;
import io.bigfs.common.security.TokenSigner;
import io.bigfs.common.security.TokenText;
import io.bigfs.proto.IssueTokenReply;
import io.bigfs.proto.IssueTokenRequest;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TokenKind;

import java.util.function.LongSupplier;

/**
 * Token mode on a master: the chunk tokens attached to the locations (read) and pipelines
 * (write) handed out, and user tokens issued to the superuser's order. The tokens never enter
 * the Raft log: each master signs what it answers, so the log stays free of secrets and of time.
 */
public final class MasterTokens {
  private static final int MAX_USER_NAME = 256;

  private final TokenSigner signer;
  private final long chunkTtlMs;
  private final long userTtlMs;
  private final String superuser;
  private final LongSupplier clock;

  /** @param signer the cluster secret, or null in simple mode (then nothing is signed) */
  public MasterTokens(TokenSigner signer, long chunkTtlMs, long userTtlMs, String superuser, LongSupplier clock) {
    this.signer = signer;
    this.chunkTtlMs = chunkTtlMs;
    this.userTtlMs = userTtlMs;
    this.superuser = superuser;
    this.clock = clock;
  }

  /** Locations for reading: each chunk gets a read token for {@code user}. */
  public QueryReply withReadTokens(QueryReply reply, String user) {
    if (signer == null || reply.getChunksCount() == 0) {
      return reply;
    }
    QueryReply.Builder b = reply.toBuilder();
    long expires = clock.getAsLong() + chunkTtlMs;
    for (LocatedChunk.Builder chunk : b.getChunksBuilderList()) {
      chunk.setAccessToken(signer.sign(TokenKind.TOKEN_CHUNK_READ, user, expires, chunk.getChunkId()));
    }
    return b.build();
  }

  /** A write pipeline (add_chunk, update_pipeline): the chunk gets a write token for {@code user}. */
  public MutateReply withWriteToken(MutateReply reply, String user) {
    if (signer == null || !reply.hasChunk()) {
      return reply;
    }
    MutateReply.Builder b = reply.toBuilder();
    b.getChunkBuilder().setAccessToken(signer.sign(TokenKind.TOKEN_CHUNK_WRITE, user,
        clock.getAsLong() + chunkTtlMs, reply.getChunk().getChunkId()));
    return b.build();
  }

  /** A user token for {@code request.subject}, if {@code caller} (already authenticated) is the superuser. */
  public IssueTokenReply issue(IssueTokenRequest request, String caller) {
    if (signer == null) {
      return failed(StatusCode.INVALID_ARGUMENT, "this cluster does not issue tokens (security.auth=simple)");
    }
    if (!superuser.equals(caller)) {
      return failed(StatusCode.PERMISSION_DENIED, "only the superuser " + superuser + " issues tokens");
    }
    String subject = request.getSubject();
    if (subject.isEmpty() || subject.length() > MAX_USER_NAME || !subject.chars().allMatch(c -> c > ' ' && c != 127)) {
      return failed(StatusCode.INVALID_ARGUMENT, "bad user name for a token: '" + subject + "'");
    }
    long ttl = request.getTtlMs() == 0 ? userTtlMs : request.getTtlMs();
    if (ttl < 0) {
      return failed(StatusCode.INVALID_ARGUMENT, "bad token lifetime: " + Long.toUnsignedString(request.getTtlMs()));
    }
    long expires = clock.getAsLong() + ttl;
    String token = TokenText.encode(signer.sign(TokenKind.TOKEN_USER, subject, expires, 0));
    return IssueTokenReply.newBuilder().setStatus(Statuses.ok()).setToken(token).setExpiresMs(expires).build();
  }

  private static IssueTokenReply failed(StatusCode code, String message) {
    return IssueTokenReply.newBuilder().setStatus(Statuses.of(code, message)).build();
  }
}
