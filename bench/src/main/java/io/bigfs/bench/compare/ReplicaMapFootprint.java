package io.bigfs.bench.compare;

import io.bigfs.master.node.ReplicaMap;

import java.lang.ref.Reference;

/**
 * Heap per chunk of the masters' replica map, the one structure that grows with the data: the
 * heap after a full collection before and after recording {@code chunks} chunks with three
 * replicas each on 100 chunkservers.
 */
final class ReplicaMapFootprint {
  static final double TARGET_BYTES = 64;

  private ReplicaMapFootprint() {}

  static double bytesPerChunk(int chunks) throws InterruptedException {
    long before = MasterMemory.heapAfterGc();
    ReplicaMap map = new ReplicaMap();
    for (long chunk = 1; chunk <= chunks; chunk++) {
      for (int r = 0; r < 3; r++) {
        map.add(chunk, 1 + (int) ((chunk * 7 + r * 31) % 100));
      }
    }
    long after = MasterMemory.heapAfterGc();
    Reference.reachabilityFence(map);
    return (after - before) / (double) chunks;
  }
}
