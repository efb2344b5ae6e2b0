package io.bigfs.client.cache;

/** What the cache counts. */
enum CacheEvent {
  /** A file was opened from its entry. */
  HIT,
  /** A file that could be cached had no sound entry, and was read from the chunkservers. */
  MISS,
  /** An entry was deleted to keep the cache within its bound. */
  EVICTION,
  /** A damaged entry (truncated, checksum mismatch) was found and deleted. */
  DISCARD
}
