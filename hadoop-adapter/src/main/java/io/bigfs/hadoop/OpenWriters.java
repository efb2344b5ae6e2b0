package io.bigfs.hadoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output streams of one file system that are still open. As HDFS does, closing the file
 * system closes them, which commits their files, instead of leaving them to lease recovery.
 */
final class OpenWriters {
  private static final Logger LOG = LoggerFactory.getLogger(OpenWriters.class);
  private final Set<BfsFsOutputStream> open = ConcurrentHashMap.newKeySet();

  void opened(BfsFsOutputStream stream) {
    open.add(stream);
  }

  void closed(BfsFsOutputStream stream) {
    open.remove(stream);
  }

  /** Closes every stream still open; one that fails is logged and the others still close. */
  void closeAll() {
    for (BfsFsOutputStream stream : new ArrayList<>(open)) {
      try {
        stream.close();
      } catch (Exception e) {
        LOG.warn("could not close {} while closing its file system: {}", stream, e.toString());
      }
    }
  }
}
