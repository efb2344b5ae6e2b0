package io.bigfs.shell.admin;

import io.bigfs.client.ChunkInfo;

import java.util.List;

/**
 * How safe a chunk (or the worst chunk of a file) is, least worrying first: as wanted, more
 * replicas than wanted, a replica found corrupt and not yet replaced, too few, or none live.
 */
enum Health {
  HEALTHY, OVER_REPLICATED, CORRUPT_REPLICA, UNDER_REPLICATED, MISSING;

  static Health of(ChunkInfo chunk, int wanted) {
    int live = chunk.nodes().size();
    if (live == 0) {
      return MISSING;
    }
    if (live < wanted) {
      return UNDER_REPLICATED;
    }
    if (chunk.corruptReplicas() > 0) {
      return CORRUPT_REPLICA;
    }
    return live > wanted ? OVER_REPLICATED : HEALTHY;
  }

  /** The worst health of a file's chunks; a file without chunks is healthy. */
  static Health worst(List<ChunkInfo> chunks, int wanted) {
    Health worst = HEALTHY;
    for (ChunkInfo c : chunks) {
      Health h = of(c, wanted);
      if (h.ordinal() > worst.ordinal()) {
        worst = h;
      }
    }
    return worst;
  }

  /** "UNDER-REPLICATED", as people read it. */
  String label() {
    return name().replace('_', '-');
  }
}
