package io.bigfs.common.security;

import io.bigfs.common.rpc.Transport;
import io.bigfs.proto.TokenKind;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A server's {@link SecurityConfig} with its files read: credentials for its RPC port, the
 * transport it dials other servers with (its own certificate, and a service token in token
 * mode), and the secret that signs and checks tokens. Files are read once, at start, so a
 * missing or unreadable one stops the server with its name.
 */
public final class ServerSecurity {
  private final SecurityConfig config;
  private final TokenSigner signer;
  private final ServerCredentials serverCredentials;
  private final Transport transport;
  private final LongSupplier clock;

  private ServerSecurity(SecurityConfig config, TokenSigner signer, ServerCredentials serverCredentials,
                         Transport transport, LongSupplier clock) {
    this.config = config;
    this.signer = signer;
    this.serverCredentials = serverCredentials;
    this.transport = transport;
    this.clock = clock;
  }

  /** @param serviceName how this server names itself in its service tokens, e.g. "master m1" */
  public static ServerSecurity load(SecurityConfig config, String serviceName, LongSupplier clock) throws IOException {
    TokenSigner signer = config.tokens() ? readSecret(config) : null;
    ServerCredentials server = InsecureServerCredentials.create();
    Transport transport = Transport.PLAINTEXT;
    if (config.tls() != null) {
      try {
        server = config.tls().serverCredentials();
        transport = Transport.of(config.tls().channelCredentials());
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException("cannot load TLS files (" + SecurityConfig.TLS_CERT.name() + ", "
            + SecurityConfig.TLS_KEY.name() + ", " + SecurityConfig.TLS_CA.name() + "): " + e.getMessage(), e);
      }
    }
    if (signer != null) {
      transport = transport.withToken(new ServiceTokens(signer, serviceName, clock));
    }
    return new ServerSecurity(config, signer, server, transport, clock);
  }

  private static TokenSigner readSecret(SecurityConfig config) throws IOException {
    try {
      return TokenSigner.fromFile(config.secretFile());
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(SecurityConfig.SECRET_FILE.name() + "=" + config.secretFile() + ": " + e.getMessage(), e);
    }
  }

  public SecurityConfig config() {
    return config;
  }

  /** The cluster secret's signer; empty in simple mode. */
  public Optional<TokenSigner> signer() {
    return Optional.ofNullable(signer);
  }

  public ServerCredentials serverCredentials() {
    return serverCredentials;
  }

  /** How this server dials masters and chunkservers. */
  public Transport transport() {
    return transport;
  }

  public LongSupplier clock() {
    return clock;
  }

  /** The token check for this server's RPC port: none in simple mode. */
  public List<ServerInterceptor> interceptors(Function<String, Set<TokenKind>> acceptedByService, boolean required) {
    if (signer == null) {
      return List.of();
    }
    return List.of(new TokenInterceptor(signer, clock, acceptedByService, required));
  }
}
