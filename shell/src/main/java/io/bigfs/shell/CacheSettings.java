package io.bigfs.shell;

import io.bigfs.client.CacheConfig;
import io.bigfs.common.BfsException;
import io.bigfs.common.config.Sizes;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the shell keeps its cache of files read (cat, get, tail) and how large it may grow:
 * BFS_CACHE_DIR, else $XDG_CACHE_HOME/bigfs, else ~/.cache/bigfs; BFS_CACHE_SIZE (say 2g; 0 turns
 * the cache off), else {@link CacheConfig#DEFAULT_MAX_BYTES}.
 */
public final class CacheSettings {
  public static final String ENV_DIR = "BFS_CACHE_DIR";
  public static final String ENV_SIZE = "BFS_CACHE_SIZE";

  private CacheSettings() {}

  public static CacheConfig resolve(Map<String, String> env, Path workDir) throws BfsException {
    long size = CacheConfig.DEFAULT_MAX_BYTES;
    String sizeText = env.get(ENV_SIZE);
    if (sizeText != null && !sizeText.isBlank()) {
      try {
        size = Sizes.parse(sizeText);
      } catch (RuntimeException e) {
        throw BfsException.invalid(ENV_SIZE + "=" + sizeText + " is not a size (e.g. 512m, 2g; 0 for no cache)");
      }
    }
    return size == 0 ? CacheConfig.OFF : CacheConfig.of(dir(env, workDir), size);
  }

  private static Path dir(Map<String, String> env, Path workDir) {
    String dir = env.get(ENV_DIR);
    if (dir != null && !dir.isBlank()) {
      return workDir.resolve(dir);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("bigfs");
  }
}
