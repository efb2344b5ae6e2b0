package io.bigfs.common.security;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import java.util.function.Supplier;

/** The call header that carries a user or service token, and the client side that attaches it. */
public final class TokenHeader {
  public static final Metadata.Key<String> KEY = Metadata.Key.of("bfs-token", Metadata.ASCII_STRING_MARSHALLER);

  private TokenHeader() {}

  /** Adds the token {@code token} supplies (asked afresh for each call, so it can be renewed) to every call. */
  public static ClientInterceptor attach(Supplier<String> token) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            headers.put(KEY, token.get());
            super.start(listener, headers);
          }
        };
      }
    };
  }
}
