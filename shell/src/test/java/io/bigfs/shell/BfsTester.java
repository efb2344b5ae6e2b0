package io.bigfs.shell;

import io.bigfs.common.FileTrees;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs bfs command lines in-process, as bin/bfs would, and captures what they print. One
 * session for all runs, like the interactive shell: one client, a working directory that
 * cd changes. The cache of files read is in a temporary directory of its own (unless the
 * environment names one), never in the home directory.
 */
public final class BfsTester implements AutoCloseable {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Session session;
  private final Path ownCacheDir;

  /** What a command line did. */
  public record Result(int code, String out, String err) {
    public byte[] outBytes() {
      return out.getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * @param masters  the cluster's masters (null: none, to test how they are found)
   * @param localDir the working directory for local paths
   */
  public BfsTester(String masters, Path localDir, Map<String, String> env) {
    Map<String, String> withCache = new HashMap<>(env);
    try {
      ownCacheDir = env.containsKey(CacheSettings.ENV_DIR) ? null : Files.createTempDirectory("bfs-cache-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (ownCacheDir != null) {
      withCache.put(CacheSettings.ENV_DIR, ownCacheDir.toString());
    }
    session = new Session(new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(err, true, StandardCharsets.UTF_8), withCache, localDir, false);
    session.masters(masters);
  }

  public BfsTester(String masters, Path localDir) {
    this(masters, localDir, Map.of());
  }

  public Session session() {
    return session;
  }

  /**
   * Runs one command line. Stdout is decoded as ISO-8859-1, so that {@link Result#outBytes}
   * gives back exactly the bytes cat wrote.
   */
  public Result run(String... args) {
    return capture(() -> Bfs.run(session, args));
  }

  /** Runs {@code action} in the session (the interactive shell, say) and returns what it printed. */
  public Result capture(java.util.function.IntSupplier action) {
    out.reset();
    err.reset();
    int code = action.getAsInt();
    return new Result(code, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a command line that must succeed quietly: exit code 0, nothing on stderr. */
  public Result ok(String... args) {
    Result r = run(args);
    assertThat(r.code()).as("exit code of %s; stderr: %s", List.of(args), r.err()).isZero();
    assertThat(r.err()).as("stderr of %s", List.of(args)).isEmpty();
    return r;
  }

  @Override
  public void close() {
    session.close();
    if (ownCacheDir != null) {
      try {
        FileTrees.delete(ownCacheDir);
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
  }
}
