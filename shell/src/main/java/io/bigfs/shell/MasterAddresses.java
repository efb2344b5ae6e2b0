package io.bigfs.shell;

import io.bigfs.common.BfsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the masters are, so that {@code bfs ls} works without flags next to a local cluster.
 * First match wins: the --masters flag, the BFS_MASTERS variable, the {@code masters} file
 * that {@code bfs local start} writes into its directory (BFS_LOCAL_DIR, or .bfs-local in the
 * working directory).
 */
public final class MasterAddresses {
  public static final String ENV_MASTERS = "BFS_MASTERS";
  public static final String ENV_LOCAL_DIR = "BFS_LOCAL_DIR";
  public static final String DEFAULT_LOCAL_DIR = ".bfs-local";
  public static final String MASTERS_FILE = "masters";

  private MasterAddresses() {}

  public static String resolve(String flag, Map<String, String> env, Path workDir) throws BfsException {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String fromEnv = env.get(ENV_MASTERS);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    Path file = localDir(env, workDir).resolve(MASTERS_FILE);
    if (Files.isRegularFile(file)) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!text.isEmpty()) {
          return text;
        }
      } catch (IOException e) {
        throw BfsException.invalid("cannot read " + file + ": " + e.getMessage());
      }
    }
    throw BfsException.invalid("no masters known: use --masters host:port,..., set " + ENV_MASTERS
        + ", or start a local cluster here with 'bfs local start'");
  }

  /** The local cluster's directory: BFS_LOCAL_DIR, else .bfs-local in {@code workDir}. */
  public static Path localDir(Map<String, String> env, Path workDir) {
    String dir = env.get(ENV_LOCAL_DIR);
    return dir != null && !dir.isBlank() ? workDir.resolve(dir) : workDir.resolve(DEFAULT_LOCAL_DIR);
  }
}
