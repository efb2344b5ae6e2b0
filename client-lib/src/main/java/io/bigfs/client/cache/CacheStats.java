package io.bigfs.client.cache;

/**
 * What a cache has done and holds.
 *
 * @param hits      files opened from their entry
 * @param misses    files that could be cached, read from the chunkservers for want of a sound entry
 * @param evictions entries deleted to stay within the bound
 * @param discarded damaged entries found and deleted
 * @param entries   entries in the directory now
 * @param bytes     bytes those entries take on disk
 * @param maxBytes  the bound on {@code bytes}
 */
public record CacheStats(long hits, long misses, long evictions, long discarded, long entries, long bytes,
                         long maxBytes) {
  /** A client without a cache. */
  public static final CacheStats NONE = new CacheStats(0, 0, 0, 0, 0, 0, 0);
}
