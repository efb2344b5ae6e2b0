package io.bigfs.common.rpc;

import io.bigfs.common.security.TokenHeader;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a process dials the others: plaintext or TLS, and, in token mode, the token attached to
 * every call. Built once from the process' configuration and handed to everything that opens channels.
 */
public record Transport(ChannelCredentials credentials, List<ClientInterceptor> interceptors) {
  public static final Transport PLAINTEXT = new Transport(InsecureChannelCredentials.create(), List.of());

  public Transport {
    interceptors = List.copyOf(interceptors);
  }

  public static Transport of(ChannelCredentials credentials) {
    return new Transport(credentials, List.of());
  }

  /** The same transport, with the token {@code token} supplies sent in the "bfs-token" header of each call. */
  public Transport withToken(Supplier<String> token) {
    List<ClientInterceptor> more = new ArrayList<>(interceptors);
    more.add(TokenHeader.attach(token));
    return new Transport(credentials, more);
  }

  public boolean tls() {
    return !(credentials instanceof InsecureChannelCredentials);
  }

  public ManagedChannel open(String address) {
    return Channels.open(address, this);
  }
}
