package io.bigfs.shell;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsClientConfig;
import io.bigfs.client.CacheConfig;
import io.bigfs.common.BfsException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the commands of one {@code bfs} run or one interactive session share: the output
 * streams, the environment, the working directory in BigFS and one client, connected on first
 * use so that commands that need no cluster ({@code bfs local ...}) never look for one. The
 * client keeps files read by cat, get and tail in the cache {@link CacheSettings} names.
 */
public final class Session implements AutoCloseable {
  /** How long a command keeps retrying while masters fail over before it gives up. */
  private static final long MAX_RETRY_MS = 30_000;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Path localDir;
  private final boolean terminal;
  private String mastersOption;
  private String userOption;
  private boolean debug;
  private String cwd = "/";
  private boolean interactive;
  private BfsClient client;

  /**
   * @param env      the environment (BFS_MASTERS, BFS_LOCAL_DIR, BFS_TLS_CA, BFS_TOKEN_FILE, ...)
   * @param localDir the process' working directory, where {@code .bfs-local} is looked for
   * @param terminal stderr is a terminal: progress bars are worth drawing
   */
  public Session(PrintStream out, PrintStream err, Map<String, String> env, Path localDir, boolean terminal) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.localDir = localDir;
    this.terminal = terminal;
  }

  /** A session of this process: System streams and environment. */
  public static Session ofProcess() {
    return new Session(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
        System.console() != null);
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Map<String, String> env() {
    return env;
  }

  public Path localDir() {
    return localDir;
  }

  public boolean terminal() {
    return terminal;
  }

  public boolean debug() {
    return debug;
  }

  public void debug(boolean value) {
    debug = value;
  }

  /** Sets --masters (null: found as usual); a client connected elsewhere is replaced on next use. */
  public void masters(String value) {
    if (client != null && !java.util.Objects.equals(value, mastersOption)) {
      client.close();
      client = null;
    }
    mastersOption = value;
  }

  public String mastersOption() {
    return mastersOption;
  }

  /** Sets --user (null: BFS_USER, else the login name); a client acting as another user is replaced. */
  public void user(String value) {
    if (!java.util.Objects.equals(value, userOption)) {
      close();
    }
    userOption = value;
  }

  public String userOption() {
    return userOption;
  }

  /** True while {@code bfs shell} reads lines in this session. */
  public boolean interactive() {
    return interactive;
  }

  public void interactive(boolean value) {
    interactive = value;
  }

  public String cwd() {
    return cwd;
  }

  public void cwd(String absolutePath) {
    cwd = absolutePath;
  }

  /** A path typed by the user, made absolute against the working directory. */
  public String resolve(String path) {
    return RemotePaths.resolve(cwd, path);
  }

  /**
   * The cluster client, connected on first use to the masters found by {@link MasterAddresses},
   * acting as the user {@link Identity} names.
   */
  public BfsClient client() throws BfsException {
    if (client == null) {
      String masters = MasterAddresses.resolve(mastersOption, env, localDir);
      // A token, when there is one, names the user; --user and BFS_USER only speak for simple mode.
      client = BfsClient.connect(Identity.apply(
          BfsClientConfig.of(masters).withMaxRetryMs(MAX_RETRY_MS).withCache(cacheConfig()), userOption, env)
          .withSecurity(SecuritySettings.resolve(env, localDir)));
    }
    return client;
  }

  /** The cache of files read: on unless BFS_CACHE_SIZE is 0 (see {@link CacheSettings}). */
  public CacheConfig cacheConfig() throws BfsException {
    return CacheSettings.resolve(env, localDir);
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
