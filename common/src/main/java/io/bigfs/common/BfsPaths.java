package io.bigfs.common;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules for a path in the namespace, checked by masters before anything is touched:
 * absolute, '/'-separated, no empty, "." or ".." components, no NUL, bounded lengths.
 * Servers accept only canonical paths; relative paths and trailing slashes are a shell matter.
 */
public final class BfsPaths {
  public static final String ROOT = "/";
  public static final int MAX_PATH_CHARS = 4096;
  public static final int MAX_NAME_BYTES = 255;
  public static final int MAX_DEPTH = 256;

  private BfsPaths() {}

  /** The components of a canonical absolute path ("/" has none), or INVALID_ARGUMENT. */
  public static List<String> components(String path) throws BfsException {
    if (path == null || path.isEmpty()) {
      throw BfsException.invalid("empty path");
    }
    if (path.length() > MAX_PATH_CHARS) {
      throw BfsException.invalid("path longer than " + MAX_PATH_CHARS + " characters");
    }
    if (path.charAt(0) != '/') {
      throw BfsException.invalid(quote(path) + ": path must be absolute");
    }
    List<String> names = new ArrayList<>();
    if (path.equals(ROOT)) {
      return names;
    }
    int start = 1;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      names.add(checkName(path, path.substring(start, end)));
      if (names.size() > MAX_DEPTH) {
        throw BfsException.invalid(quote(path) + ": deeper than " + MAX_DEPTH + " levels");
      }
      start = end + 1;
    }
    return names;
  }

  /** Checks one file or directory name; returns it. */
  public static String checkName(String path, String name) throws BfsException {
    if (name.isEmpty()) {
      throw BfsException.invalid(quote(path) + ": empty path component");
    }
    if (name.equals(".") || name.equals("..")) {
      throw BfsException.invalid(quote(path) + ": '" + name + "' is not allowed in a path");
    }
    if (name.indexOf('\0') >= 0) {
      throw BfsException.invalid(quote(path) + ": NUL character in path");
    }
    if (name.indexOf('/') >= 0) {
      throw BfsException.invalid(quote(path) + ": '/' in a name");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw BfsException.invalid(quote(path) + ": a name is longer than " + MAX_NAME_BYTES + " bytes");
    }
    return name;
  }

  /** Joins a parent path and a child name. */
  public static String child(String parent, String name) {
    return parent.equals(ROOT) ? ROOT + name : parent + "/" + name;
  }

  /** The parent of a canonical path; "/" for top-level entries. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? ROOT : path.substring(0, slash);
  }

  /** The last component of a canonical path; "" for the root. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** True when {@code path} is {@code ancestor} or lies below it. */
  public static boolean isSameOrBelow(String path, String ancestor) {
    return path.equals(ancestor) || ancestor.equals(ROOT)
        || path.startsWith(ancestor) && path.charAt(ancestor.length()) == '/';
  }

  /** A path shortened for error messages, so that a hostile 10,000-character path stays readable. */
  public static String quote(String path) {
    String clean = path.replace("\0", "\\0");
    return clean.length() <= 200 ? clean : clean.substring(0, 200) + "...";
  }
}
