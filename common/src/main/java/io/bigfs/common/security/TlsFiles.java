package io.bigfs.common.security;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;

import java.io.IOException;
import java.nio.file.Path;

/**
 * TLS from PEM files: this process' certificate chain and private key (PKCS#8), and the CA that
 * signed every certificate of the cluster. Certificates must name the addresses they are
 * dialled by (subject alternative names: IP 127.0.0.1, DNS localhost, the host names).
 *
 * @param cert       certificate chain; null for a client without a certificate of its own
 * @param key        private key of {@code cert}
 * @param ca         the CA certificates that peers' certificates must chain to
 * @param clientAuth servers require a certificate from every caller (mutual TLS)
 */
public record TlsFiles(Path cert, Path key, Path ca, boolean clientAuth) {

  public TlsFiles {
    if (ca == null) {
      throw new IllegalArgumentException("TLS needs the CA certificate file");
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("TLS needs both the certificate and its private key, or neither");
    }
  }

  /** A client that checks servers against {@code ca} and has no certificate itself. */
  public static TlsFiles trusting(Path ca) {
    return new TlsFiles(null, null, ca, false);
  }

  /** Credentials for dialling: verify the server against the CA; present our certificate if we have one. */
  public ChannelCredentials channelCredentials() throws IOException {
    TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder().trustManager(ca.toFile());
    if (cert != null) {
      b.keyManager(cert.toFile(), key.toFile());
    }
    return b.build();
  }

  /** Credentials for serving; with {@link #clientAuth} a caller without a certificate from the CA is refused. */
  public ServerCredentials serverCredentials() throws IOException {
    if (cert == null) {
      throw new IllegalArgumentException("a TLS server needs a certificate and a private key");
    }
    return TlsServerCredentials.newBuilder()
        .keyManager(cert.toFile(), key.toFile())
        .trustManager(ca.toFile())
        .clientAuth(clientAuth ? TlsServerCredentials.ClientAuth.REQUIRE : TlsServerCredentials.ClientAuth.NONE)
        .build();
  }
}
