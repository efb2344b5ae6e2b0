package io.bigfs.client;

import io.bigfs.common.rpc.Transport;
import io.bigfs.common.security.TlsFiles;
import io.bigfs.common.security.TokenException;
import io.bigfs.common.security.TokenText;
import io.bigfs.proto.TokenBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a client secures its calls: TLS (the cluster's CA, plus a certificate of its own where
 * the servers demand one), and in token mode the user token issued to it, sent to the masters
 * with every call. Chunkservers need no user token: the masters hand out a chunk token with
 * every location and pipeline.
 *
 * @param tls   TLS files, or null for plaintext
 * @param token a user token as text (from {@code bfs admin token issue}), or null in simple mode
 */
public record ClientSecurity(TlsFiles tls, String token) {
  public static final ClientSecurity NONE = new ClientSecurity(null, null);

  /** TLS, checking the servers against the CA in {@code caFile} (PEM). */
  public static ClientSecurity tls(Path caFile) {
    return new ClientSecurity(TlsFiles.trusting(caFile), null);
  }

  /** The same, presenting {@code cert} (PEM chain) with its private key to servers that require client certificates. */
  public ClientSecurity withClientCertificate(Path cert, Path key) {
    if (tls == null) {
      throw new IllegalStateException("set the CA (ClientSecurity.tls) before a client certificate");
    }
    return new ClientSecurity(new TlsFiles(cert, key, tls.ca(), false), token);
  }

  public ClientSecurity withToken(String value) {
    return new ClientSecurity(tls, value == null ? null : value.strip());
  }

  /** Reads the token from a file written by {@code bfs admin token issue}. */
  public ClientSecurity withTokenFile(Path file) throws IOException {
    return withToken(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * The user the token names (read, not verified: only the masters can verify it). A client
   * with a token acts as that user, whatever else it was told.
   */
  public Optional<String> tokenUser() {
    if (token == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TokenBody.parseFrom(TokenText.decode(token).getBody()).getUser());
    } catch (TokenException | IOException e) {
      throw new IllegalArgumentException("unreadable token: " + e.getMessage(), e);
    }
  }

  /** How to dial the masters: TLS or not, and the token on every call. */
  public Transport masterTransport() {
    Transport t = chunkserverTransport();
    String value = token;
    return value == null ? t : t.withToken(() -> value);
  }

  /** How to dial chunkservers: TLS or not; access rides on chunk tokens inside the requests. */
  public Transport chunkserverTransport() {
    if (tls == null) {
      return Transport.PLAINTEXT;
    }
    try {
      return Transport.of(tls.channelCredentials());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the TLS files (" + tls.ca()
          + (tls.cert() != null ? ", " + tls.cert() + ", " + tls.key() : "") + "): " + e.getMessage(), e);
    }
  }
}
