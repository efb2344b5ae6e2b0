package io.bigfs.common.security;

import io.bigfs.proto.AccessToken;
import io.bigfs.proto.TokenBody;
import io.bigfs.proto.TokenKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSignerTest {
  static final TokenSigner SIGNER = new TokenSigner(bytes("the cluster secret, at least thirty-two bytes"));
  static final Set<TokenKind> USER = Set.of(TokenKind.TOKEN_USER);

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSignedTokenVerifiesUntilItExpires() throws Exception {
    AccessToken token = SIGNER.sign(TokenKind.TOKEN_USER, "alice", 1_000, 0);
    assertThat(SIGNER.verify(token, 999, USER).getUser()).isEqualTo("alice");
    assertThatThrownBy(() -> SIGNER.verify(token, 1_000, USER)).hasMessageContaining("expired");
  }

  @Test
  void anAlteredOrForeignTokenIsRefused() throws Exception {
    AccessToken token = SIGNER.sign(TokenKind.TOKEN_USER, "alice", 1_000, 0);
    AccessToken altered = token.toBuilder().setBody(TokenBody.parseFrom(token.getBody()).toBuilder()
        .setExpiresMs(Long.MAX_VALUE).build().toByteString()).build();
    assertThatThrownBy(() -> SIGNER.verify(altered, 0, USER)).hasMessageContaining("signature does not match");
    AccessToken foreign = new TokenSigner(bytes("another cluster's secret, also long enough")).sign(TokenKind.TOKEN_USER,
        "alice", 1_000, 0);
    assertThatThrownBy(() -> SIGNER.verify(foreign, 0, USER)).hasMessageContaining("signature does not match");
    assertThatThrownBy(() -> SIGNER.verify(AccessToken.getDefaultInstance(), 0, USER)).hasMessage("no token");
  }

  @Test
  void aTokenOfAnotherKindIsRefused() {
    AccessToken chunk = SIGNER.sign(TokenKind.TOKEN_CHUNK_WRITE, "alice", 1_000, 7);
    assertThatThrownBy(() -> SIGNER.verify(chunk, 0, USER))
        .hasMessage("a chunk write token cannot be used here (needed: user)");
  }

  @Test
  void tokensSurviveTheirTextFormAndBadTextIsRefused() throws Exception {
    AccessToken token = SIGNER.sign(TokenKind.TOKEN_SERVICE, "chunkserver", 5_000, 0);
    assertThat(TokenText.decode(TokenText.encode(token) + "\n")).isEqualTo(token);
    assertThatThrownBy(() -> TokenText.decode("no-dot")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> TokenText.decode("a.b.c")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> TokenText.decode("!!.??")).hasMessageContaining("base64url");
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new TokenSigner(bytes("short"))).hasMessageContaining("at least 32");
  }

  @Test
  void serviceTokensAreRenewedAtHalfLife() throws Exception {
    long[] now = {0};
    ServiceTokens tokens = new ServiceTokens(SIGNER, "master m1", () -> now[0]);
    String first = tokens.get();
    now[0] = ServiceTokens.TTL_MS / 2 - 1;
    assertThat(tokens.get()).isSameAs(first);
    now[0] = ServiceTokens.TTL_MS / 2;
    String second = tokens.get();
    assertThat(second).isNotEqualTo(first);
    assertThat(SIGNER.verify(TokenText.decode(second), now[0], Set.of(TokenKind.TOKEN_SERVICE)).getExpiresMs())
        .isEqualTo(now[0] + ServiceTokens.TTL_MS);
  }
}
