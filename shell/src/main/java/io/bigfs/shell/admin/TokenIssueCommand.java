package io.bigfs.shell.admin;

import io.bigfs.client.BfsClient;
import io.bigfs.common.BfsException;
import io.bigfs.common.security.TokenSigner;
import io.bigfs.common.security.TokenText;
import io.bigfs.proto.TokenKind;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code bfs admin token issue alice [--ttl 24h] [--secret-file F] [--out FILE]}: a user
 * token. With --secret-file it is signed here with the cluster secret (how the superuser gets a
 * first token); otherwise a master signs it, and only for the superuser's token (BFS_TOKEN_FILE).
 */
@Command(name = "issue", description = "Issue a user token: signed with --secret-file here, or by a master "
    + "when the caller's own token (BFS_TOKEN_FILE) is the superuser's.")
public final class TokenIssueCommand extends ClientCommand {
  // A parameter, not --user: that global option names who the shell acts as.
  @Parameters(index = "0", paramLabel = "USER", description = "The user the token names.")
  String user;

  @Option(names = "--ttl", converter = DurationConverter.class, description = "Lifetime: 90s, 30m, 24h, 7d "
      + "(default: the masters' security.token.user.ttl.ms; with --secret-file 24h).")
  Duration ttl;

  @Option(names = "--secret-file", description = "The cluster secret (security.secret.file): sign here, no master asked.")
  Path secretFile;

  @Option(names = "--out", description = "Write the token to this file (readable by its owner only) instead of stdout.")
  Path out;

  TokenIssueCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    String token;
    long expiresMs;
    if (secretFile != null) {
      expiresMs = System.currentTimeMillis() + (ttl != null ? ttl : Duration.ofHours(24)).toMillis();
      TokenSigner signer;
      try {
        signer = TokenSigner.fromFile(session.localDir().resolve(secretFile));
      } catch (IllegalArgumentException e) {
        throw BfsException.invalid(secretFile + ": " + e.getMessage());
      }
      token = TokenText.encode(signer.sign(TokenKind.TOKEN_USER, user, expiresMs, 0));
    } else {
      BfsClient.IssuedToken issued = client().issueToken(user, ttl == null ? 0 : ttl.toMillis());
      token = issued.token();
      expiresMs = issued.expiresMs();
    }
    if (out == null) {
      out().println(token);
      return OK;
    }
    write(session.localDir().resolve(out), token);
    out().println("token of " + user + ", valid until " + Instant.ofEpochMilli(expiresMs) + ", written to " + out);
    return OK;
  }

  /** The file is created owner-only before the token goes in, so it is never readable by others. */
  private static void write(Path file, String token) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** "90s", "30m", "24h", "7d". */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        Duration d = switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          case 'd' -> Duration.ofDays(n);
          default -> null;
        };
        if (d != null && !d.isNegative() && !d.isZero()) {
          return d;
        }
      } catch (RuntimeException e) {
        // reported below
      }
      throw new TypeConversionException("'" + value + "' is not a lifetime (e.g. 90s, 30m, 24h, 7d)");
    }
  }
}
