package io.bigfs.master.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.PerfContext;
import org.rocksdb.PerfLevel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scans see exactly their prefix, and stop at its end rather than walking deleted keys beyond it. */
class KvCursorTest {
  private static final long SMALL_DIR = 10;
  private static final long REMOVED_DIR = 11;
  private static final int REMOVED_ENTRIES = 10_000;

  @TempDir
  Path dir;
  private MetaStore store;

  @BeforeEach
  void open() throws IOException {
    store = MetaStore.open(dir, 8 << 20);
    // Three entries in one directory; the next directory in key order had 10,000, all deleted
    // (their tombstones sit right after the small directory's entries until compaction).
    try (Txn txn = store.begin()) {
      for (int i = 0; i < 3; i++) {
        txn.put(Cf.INODES, Keys.inode(SMALL_DIR, "f" + i), new byte[] {1});
      }
      for (int i = 0; i < REMOVED_ENTRIES; i++) {
        txn.put(Cf.INODES, Keys.inode(REMOVED_DIR, "g" + i), new byte[] {1});
      }
      txn.commit(1, 1);
    }
    try (Txn txn = store.begin()) {
      for (int i = 0; i < REMOVED_ENTRIES; i++) {
        txn.delete(Cf.INODES, Keys.inode(REMOVED_DIR, "g" + i));
      }
      txn.commit(1, 2);
    }
    store.db().setPerfLevel(PerfLevel.ENABLE_COUNT);
  }

  @AfterEach
  void close() {
    store.db().setPerfLevel(PerfLevel.DISABLE);
    store.close();
  }

  @Test
  void aViewListsADirectoryWithoutWalkingTheDeletedEntriesAfterIt() {
    PerfContext perf = store.db().getPerfContext();
    perf.reset();
    try (View view = store.view(); KvCursor c = view.scan(Cf.INODES, Keys.children(SMALL_DIR), null)) {
      assertThat(names(c)).containsExactly("f0", "f1", "f2");
    }
    assertThat(perf.getInternalDeleteSkippedCount()).as("deleted keys stepped over").isLessThan(100);
  }

  @Test
  void aTransactionListsADirectoryWithoutWalkingTheDeletedEntriesAfterIt() {
    PerfContext perf = store.db().getPerfContext();
    try (Txn txn = store.begin()) {
      txn.put(Cf.INODES, Keys.inode(SMALL_DIR, "f3"), new byte[] {1});
      perf.reset();
      try (KvCursor c = txn.scan(Cf.INODES, Keys.children(SMALL_DIR), Keys.inode(SMALL_DIR, "f1"))) {
        assertThat(names(c)).as("the transaction's own write included").containsExactly("f1", "f2", "f3");
      }
    }
    assertThat(perf.getInternalDeleteSkippedCount()).as("deleted keys stepped over").isLessThan(100);
  }

  @Test
  void aPrefixWithNoKeyAfterItIsScannedToTheEnd() throws IOException {
    long lastId = -1L;  // 0xff...ff: no key can follow its entries, so the scan has no bound
    try (Txn txn = store.begin()) {
      txn.put(Cf.INODES, Keys.inode(lastId, "a"), new byte[] {1});
      txn.put(Cf.INODES, Keys.inode(lastId, "b"), new byte[] {1});
      txn.commit(1, 3);
    }
    try (View view = store.view(); KvCursor c = view.scan(Cf.INODES, Keys.children(lastId), null)) {
      assertThat(names(c)).containsExactly("a", "b");
    }
  }

  private static List<String> names(KvCursor c) {
    List<String> names = new ArrayList<>();
    while (c.next()) {
      names.add(Keys.nameOf(c.key()));
    }
    return names;
  }
}
