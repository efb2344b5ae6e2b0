package io.bigfs.chunkserver.storage;

import java.nio.file.Path;

/**
 * One chunk replica on this node. {@code finalized} replicas are complete and immutable;
 * others are being written (or were, when the node stopped) and live under temporary names.
 *
 * @param length bytes of data held (for a replica being written: bytes acknowledged so far)
 */
public record Replica(long chunkId, long version, long length, boolean finalized, int dirIndex, Path dataFile) {

  public Path checksumFile() {
    return ChunkFiles.checksumFileOf(dataFile);
  }
}
