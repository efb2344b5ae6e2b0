package io.bigfs.common;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Client identities: 16 random bytes, shown as hex. */
public final class Ids {
  public static final int CLIENT_ID_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static byte[] newClientId() {
    byte[] id = new byte[CLIENT_ID_BYTES];
    RANDOM.nextBytes(id);
    return id;
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
