package io.bigfs.client.cache;

import java.io.IOException;

/** A cache entry that is truncated or does not match its checksums: to be dropped, never served. */
final class CorruptEntry extends IOException {
  CorruptEntry(String message) {
    super(message);
  }
}
