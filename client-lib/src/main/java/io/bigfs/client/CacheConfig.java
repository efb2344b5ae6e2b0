package io.bigfs.client;

import java.nio.file.Path;

/**
 * The client's cache of recently read files on the local disk, turned on with
 * {@link BfsClientConfig#withCache}. Several processes may share one directory.
 *
 * @param dir          where the entries are kept; null: no cache
 * @param maxBytes     bound on the bytes all entries take; the least recently used go first
 * @param maxFileBytes larger entries are never made: one big file would push out many small ones
 */
public record CacheConfig(Path dir, long maxBytes, long maxFileBytes) {
  public static final long DEFAULT_MAX_BYTES = 1L << 30;
  /** One entry may take at most this fraction (1/n) of the bound. */
  public static final int FILE_SHARE = 8;
  public static final CacheConfig OFF = new CacheConfig(null, 0, 0);

  public CacheConfig {
    if (dir != null && (maxBytes <= 0 || maxFileBytes < 0 || maxFileBytes > maxBytes)) {
      throw new IllegalArgumentException("cache bound " + maxBytes + " and per-file bound " + maxFileBytes
          + ": need 0 <= per-file bound <= bound and bound > 0");
    }
  }

  /** A cache in {@code dir} bounded by {@code maxBytes}, one entry taking at most 1/{@value #FILE_SHARE} of it. */
  public static CacheConfig of(Path dir, long maxBytes) {
    return new CacheConfig(dir, maxBytes, maxBytes / FILE_SHARE);
  }

  /** A cache in {@code dir} bounded by {@value #DEFAULT_MAX_BYTES} bytes. */
  public static CacheConfig at(Path dir) {
    return of(dir, DEFAULT_MAX_BYTES);
  }

  public boolean enabled() {
    return dir != null;
  }
}
