package io.bigfs.common.security;

import com.google.protobuf.ByteString;
import io.bigfs.proto.AccessToken;

import java.util.Base64;

/**
 * A token as one line of text, for token files and the "bfs-token" call header:
 * base64url(body) "." base64url(mac).
 */
public final class TokenText {
  private TokenText() {}

  public static String encode(AccessToken token) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(token.getBody().toByteArray()) + "." + b64.encodeToString(token.getMac().toByteArray());
  }

  public static AccessToken decode(String text) throws TokenException {
    String s = text.strip();
    int dot = s.indexOf('.');
    if (dot <= 0 || dot != s.lastIndexOf('.')) {
      throw new TokenException("malformed token (expected BODY.SIGNATURE)");
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      return AccessToken.newBuilder()
          .setBody(ByteString.copyFrom(b64.decode(s.substring(0, dot))))
          .setMac(ByteString.copyFrom(b64.decode(s.substring(dot + 1))))
          .build();
    } catch (IllegalArgumentException e) {
      throw new TokenException("malformed token (not base64url)");
    }
  }
}
