package io.bigfs.shell;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths as people type them: relative to a working directory, with "." and "..", with an
 * optional {@code bfs://} prefix. The masters accept only canonical absolute paths, so the
 * shell turns one into the other here, and nowhere else.
 */
public final class RemotePaths {
  public static final String SCHEME = "bfs://";

  private RemotePaths() {}

  /** True when the argument names a BigFS path explicitly ({@code bfs://...}). */
  public static boolean isRemote(String arg) {
    return arg.startsWith(SCHEME);
  }

  /** The argument without its {@code bfs://} prefix. */
  public static String stripScheme(String arg) {
    return isRemote(arg) ? arg.substring(SCHEME.length()) : arg;
  }

  /**
   * The canonical absolute path of {@code path} seen from {@code cwd}: "bfs://docs/a" from "/"
   * is "/docs/a", "../b" from "/x/y" is "/x/b"; ".." at the root stays at the root.
   */
  public static String resolve(String cwd, String path) {
    String p = stripScheme(path);
    String full = p.startsWith("/") ? p : cwd + "/" + p;
    Deque<String> names = new ArrayDeque<>();
    for (String name : full.split("/")) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        names.pollLast();
      } else {
        names.addLast(name);
      }
    }
    return names.isEmpty() ? "/" : "/" + String.join("/", names);
  }

  /** True when the user wrote the path as a directory ("dir/", "bfs://", "."). */
  public static boolean namesDirectory(String path) {
    String p = stripScheme(path);
    return p.isEmpty() || p.endsWith("/") || p.equals(".") || p.endsWith("/.") || p.equals("..")
        || p.endsWith("/..");
  }
}
