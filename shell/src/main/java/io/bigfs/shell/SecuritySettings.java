package io.bigfs.shell;

import io.bigfs.client.ClientSecurity;
import io.bigfs.common.BfsException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the shell secures its calls, from the environment: BFS_TLS_CA (the cluster's CA, PEM)
 * turns TLS on; BFS_TLS_CERT and BFS_TLS_KEY add a client certificate for clusters that demand
 * one; BFS_TOKEN_FILE names the user token file (token mode). Nothing set: plaintext, simple mode.
 */
public final class SecuritySettings {
  public static final String ENV_CA = "BFS_TLS_CA";
  public static final String ENV_CERT = "BFS_TLS_CERT";
  public static final String ENV_KEY = "BFS_TLS_KEY";
  public static final String ENV_TOKEN_FILE = "BFS_TOKEN_FILE";

  private SecuritySettings() {}

  public static ClientSecurity resolve(Map<String, String> env, Path workDir) throws BfsException {
    ClientSecurity security = ClientSecurity.NONE;
    String ca = value(env, ENV_CA);
    String cert = value(env, ENV_CERT);
    String key = value(env, ENV_KEY);
    if (ca != null) {
      security = ClientSecurity.tls(workDir.resolve(ca));
      if (cert != null || key != null) {
        if (cert == null || key == null) {
          throw BfsException.invalid("set both " + ENV_CERT + " and " + ENV_KEY + ", or neither");
        }
        security = security.withClientCertificate(workDir.resolve(cert), workDir.resolve(key));
      }
    } else if (cert != null || key != null) {
      throw BfsException.invalid(ENV_CERT + " and " + ENV_KEY + " need " + ENV_CA + " (the cluster's CA)");
    }
    String tokenFile = value(env, ENV_TOKEN_FILE);
    if (tokenFile != null) {
      Path file = workDir.resolve(tokenFile);
      try {
        security = security.withTokenFile(file);
      } catch (IOException e) {
        throw BfsException.invalid(ENV_TOKEN_FILE + ": cannot read " + file + ": " + e.getMessage());
      }
    }
    return security;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
