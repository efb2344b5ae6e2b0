package io.bigfs.common.security;

import io.grpc.Context;

/**
 * Who is calling, as the server decides it. The one seam between authentication (which sets
 * {@link #AUTHENTICATED_USER} in the gRPC context after checking a token) and authorisation
 * (permission checks, the audit log), which ask {@link #user(String)}.
 */
public final class Caller {
  /** Set by the authentication interceptor in token mode; absent in simple mode. */
  public static final Context.Key<String> AUTHENTICATED_USER = Context.key("bfs-authenticated-user");

  private Caller() {}

  /**
   * The user a request acts as: the authenticated user when the call carried a valid token,
   * otherwise the user the request declares (simple mode, as HDFS without Kerberos).
   */
  public static String user(String declaredUser) {
    String authenticated = AUTHENTICATED_USER.get();
    return authenticated != null ? authenticated : declaredUser;
  }
}
