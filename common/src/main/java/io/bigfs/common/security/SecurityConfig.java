package io.bigfs.common.security;

import io.bigfs.common.config.Config;
import io.bigfs.common.config.ConfigKey;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The security settings masters and chunkservers share (the same keys in both files): TLS on
 * every RPC port, and how callers are identified.
 *
 * @param tokens          token mode: calls need tokens signed with the cluster secret (else simple mode)
 * @param secretFile      the cluster secret, token mode only
 * @param tls             the TLS files, or null for plaintext
 * @param chunkTokenTtlMs lifetime of the chunk tokens masters attach to locations and pipelines
 * @param userTokenTtlMs  lifetime of the user tokens masters issue when the request names none
 */
public record SecurityConfig(boolean tokens, Path secretFile, TlsFiles tls, long chunkTokenTtlMs,
                             long userTokenTtlMs) {

  public static final ConfigKey<String> AUTH = ConfigKey.string("security.auth", "simple",
      "How callers are identified: simple (a request names its user, as HDFS without Kerberos) or token\n"
          + "(every call carries a token signed with the cluster secret; chunkservers serve a chunk only\n"
          + "with a chunk token from a master). Every master and chunkserver must agree.");
  public static final ConfigKey<String> SECRET_FILE = ConfigKey.string("security.secret.file", "",
      "Token mode: file holding the cluster secret (at least 32 bytes, e.g. openssl rand -base64 48),\n"
          + "the same on every master and chunkserver; readable by the server's user only.");
  public static final ConfigKey<Boolean> TLS = ConfigKey.bool("security.tls.enabled", false,
      "TLS on every RPC port: clients, chunkservers and masters (Raft too) then need the CA below.");
  public static final ConfigKey<String> TLS_CERT = ConfigKey.string("security.tls.cert", "",
      "PEM certificate chain of this server; its names must cover the addresses it is dialled by.");
  public static final ConfigKey<String> TLS_KEY = ConfigKey.string("security.tls.key", "",
      "PEM private key (PKCS#8, 'BEGIN PRIVATE KEY') of security.tls.cert.");
  public static final ConfigKey<String> TLS_CA = ConfigKey.string("security.tls.ca", "",
      "PEM certificate(s) of the CA that signed the cluster's certificates.");
  public static final ConfigKey<Boolean> TLS_CLIENT_AUTH = ConfigKey.bool("security.tls.client-auth", false,
      "Mutual TLS: the RPC ports refuse callers without a certificate from the CA. Raft between the\n"
          + "masters always requires them when TLS is on.");
  public static final ConfigKey<Long> CHUNK_TOKEN_TTL = ConfigKey.longKey("security.token.chunk.ttl.ms", 3_600_000,
      "Token mode, masters: lifetime of the chunk tokens handed out with locations and write pipelines.");
  public static final ConfigKey<Long> USER_TOKEN_TTL = ConfigKey.longKey("security.token.user.ttl.ms", 86_400_000,
      "Token mode, masters: lifetime of a user token issued without an explicit one.");

  public static final List<ConfigKey<?>> KEYS = List.of(AUTH, SECRET_FILE, TLS, TLS_CERT, TLS_KEY, TLS_CA,
      TLS_CLIENT_AUTH, CHUNK_TOKEN_TTL, USER_TOKEN_TTL);

  /** Plaintext, simple mode: what a process gets without security keys. */
  public static final SecurityConfig NONE = new SecurityConfig(false, null, null, 3_600_000, 86_400_000);

  public static SecurityConfig from(Config c) {
    boolean tokens = switch (c.get(AUTH).toLowerCase(Locale.ROOT)) {
      case "simple" -> false;
      case "token" -> true;
      default -> throw new IllegalArgumentException(AUTH.name() + " must be simple or token, got " + c.get(AUTH));
    };
    Path secret = null;
    if (tokens) {
      secret = Path.of(require(c, SECRET_FILE, AUTH.name() + "=token"));
    }
    TlsFiles tls = null;
    if (c.get(TLS)) {
      String why = TLS.name() + "=true";
      tls = new TlsFiles(Path.of(require(c, TLS_CERT, why)), Path.of(require(c, TLS_KEY, why)),
          Path.of(require(c, TLS_CA, why)), c.get(TLS_CLIENT_AUTH));
    }
    SecurityConfig config = new SecurityConfig(tokens, secret, tls, c.get(CHUNK_TOKEN_TTL), c.get(USER_TOKEN_TTL));
    if (config.chunkTokenTtlMs <= 0 || config.userTokenTtlMs <= 0) {
      throw new IllegalArgumentException(CHUNK_TOKEN_TTL.name() + " and " + USER_TOKEN_TTL.name()
          + " must be positive");
    }
    return config;
  }

  private static String require(Config c, ConfigKey<String> key, String because) {
    String value = c.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key.name() + " is required with " + because);
    }
    return value;
  }
}
