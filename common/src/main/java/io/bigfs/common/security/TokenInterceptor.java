package io.bigfs.common.security;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.bigfs.proto.TokenBody;
import io.bigfs.proto.TokenKind;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Token mode on a server: checks the "bfs-token" header of every call (signature, kind, expiry)
 * and runs the call with {@link Caller#AUTHENTICATED_USER} and {@link #KIND} set. A bad token is
 * refused with UNAUTHENTICATED and the reason. A user token also binds the request: a message
 * whose "user" field names someone else is refused, so no one acts under another's name, and
 * one whose "user" field is empty gets the token's user.
 */
public final class TokenInterceptor implements ServerInterceptor {
  /** The kind of token the call presented; absent when it presented none. */
  public static final Context.Key<TokenKind> KIND = Context.key("bfs-token-kind");

  private final TokenSigner signer;
  private final LongSupplier clock;
  private final Function<String, Set<TokenKind>> acceptedByService;
  private final boolean required;

  /**
   * @param acceptedByService the kinds of token each service (by its full gRPC name) accepts
   * @param required          calls without any token are refused (masters); else they go on
   *                          without {@link #KIND}, for chunkservers, where a chunk token in the
   *                          request can stand in
   */
  public TokenInterceptor(TokenSigner signer, LongSupplier clock, Function<String, Set<TokenKind>> acceptedByService,
                          boolean required) {
    this.signer = signer;
    this.clock = clock;
    this.acceptedByService = acceptedByService;
    this.required = required;
  }

  /** True when the current call presented a valid service token (a master or chunkserver). */
  public static boolean isServiceCall() {
    return KIND.get() == TokenKind.TOKEN_SERVICE;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                    ServerCallHandler<Q, R> next) {
    String text = headers.get(TokenHeader.KEY);
    if (text == null) {
      if (required) {
        return refuse(call, "no token: this cluster runs in token mode (security.auth=token); "
            + "present a token issued by 'bfs admin token issue' (BFS_TOKEN_FILE)");
      }
      return next.startCall(call, headers);
    }
    TokenBody body;
    try {
      body = signer.verify(TokenText.decode(text), clock.getAsLong(),
          acceptedByService.apply(call.getMethodDescriptor().getServiceName()));
    } catch (TokenException e) {
      return refuse(call, e.getMessage());
    }
    Context context = Context.current().withValues(Caller.AUTHENTICATED_USER, body.getUser(), KIND, body.getKind());
    ServerCall.Listener<Q> listener = Contexts.interceptCall(context, call, headers, next);
    return body.getKind() == TokenKind.TOKEN_USER ? new DeclaredUserCheck<>(listener, call, body.getUser()) : listener;
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String reason) {
    call.close(Status.UNAUTHENTICATED.withDescription(reason), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** Refuses a request whose "user" field declares another user than the token's. */
  private static final class DeclaredUserCheck<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final ServerCall<Q, R> call;
    private final String tokenUser;
    private boolean refused;

    DeclaredUserCheck(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call, String tokenUser) {
      super(delegate);
      this.call = call;
      this.tokenUser = tokenUser;
    }

    @Override
    public void onMessage(Q message) {
      if (refused) {
        return;
      }
      FieldDescriptor field = userField(message);
      if (field == null) {
        super.onMessage(message);
        return;
      }
      Message m = (Message) message;
      String declared = (String) m.getField(field);
      if (!declared.isEmpty() && !declared.equals(tokenUser)) {
        refused = true;
        call.close(Status.UNAUTHENTICATED.withDescription("the token of " + tokenUser + " cannot act as " + declared),
            new Metadata());
        return;
      }
      // A request that names no user acts as the token's, also where no gRPC context reaches
      // (the Raft log, the state machine).
      @SuppressWarnings("unchecked")
      Q named = declared.isEmpty() ? (Q) m.toBuilder().setField(field, tokenUser).build() : message;
      super.onMessage(named);
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        super.onHalfClose();
      }
    }

    /** The request's "user" field (a single string), or null when it has none. */
    private static FieldDescriptor userField(Object message) {
      if (message instanceof Message m) {
        FieldDescriptor field = m.getDescriptorForType().findFieldByName("user");
        if (field != null && field.getType() == FieldDescriptor.Type.STRING && !field.isRepeated()) {
          return field;
        }
      }
      return null;
    }
  }
}
