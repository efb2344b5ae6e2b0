package io.bigfs.master.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction's reads answer what the batch holds at that moment, although it keeps what it
 * has read: later writes, deletes and undoing to a save point all show; keys only written are
 * not kept.
 */
class TxnTest {
  private static final byte[] KEY = Keys.inode(10, "a");
  private static final byte[] OTHER = Keys.inode(10, "b");

  @TempDir
  Path dir;
  private MetaStore store;

  @BeforeEach
  void open() throws IOException {
    store = MetaStore.open(dir, 8 << 20);
    try (Txn txn = store.begin()) {
      txn.put(Cf.INODES, KEY, new byte[] {1});
      txn.commit(1, 1);
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void readsFollowTheWritesOfTheTransaction() throws IOException {
    try (Txn txn = store.begin()) {
      assertThat(txn.get(Cf.INODES, KEY)).containsExactly(1);
      assertThat(txn.get(Cf.INODES, OTHER)).isNull();
      txn.put(Cf.INODES, KEY, new byte[] {2});
      txn.put(Cf.INODES, OTHER, new byte[] {3});
      assertThat(txn.get(Cf.INODES, KEY)).containsExactly(2);
      assertThat(txn.get(Cf.INODES, OTHER)).containsExactly(3);
      txn.delete(Cf.INODES, KEY);
      assertThat(txn.get(Cf.INODES, KEY)).isNull();
      // The same key in another column family is another entry.
      assertThat(txn.get(Cf.PARENTS, OTHER)).isNull();
      txn.commit(1, 2);
    }
    try (View view = store.view()) {
      assertThat(view.get(Cf.INODES, KEY)).isNull();
      assertThat(view.get(Cf.INODES, OTHER)).containsExactly(3);
    }
  }

  @Test
  void undoingToASavePointForgetsWhatWasWrittenAfterIt() throws IOException {
    try (Txn txn = store.begin()) {
      txn.put(Cf.INODES, OTHER, new byte[] {3});
      txn.setSavePoint();
      txn.put(Cf.INODES, KEY, new byte[] {2});
      txn.delete(Cf.INODES, OTHER);
      assertThat(txn.get(Cf.INODES, KEY)).containsExactly(2);
      assertThat(txn.get(Cf.INODES, OTHER)).isNull();
      txn.rollbackToSavePoint();
      assertThat(txn.get(Cf.INODES, KEY)).containsExactly(1);
      assertThat(txn.get(Cf.INODES, OTHER)).containsExactly(3);
    }
  }

  @Test
  void aValueWrittenIsNotChangedByTheCallerReusingItsArrays() throws IOException {
    byte[] key = Keys.inode(10, "c");
    try (Txn txn = store.begin()) {
      assertThat(txn.get(Cf.INODES, key)).isNull();
      byte[] value = {4};
      txn.put(Cf.INODES, key, value);
      value[0] = 5;
      byte[] sameKey = key.clone();
      key[key.length - 1] = 'd';
      assertThat(txn.get(Cf.INODES, sameKey)).containsExactly(4);
    }
  }

  @Test
  void writesOfKeysNeverReadAreNotKeptInMemory() throws IOException {
    try (Txn txn = store.begin()) {
      for (int i = 0; i < 1_000; i++) {
        txn.put(Cf.INODES, Keys.inode(20, "f" + i), new byte[] {1});
        txn.delete(Cf.INODES, Keys.inode(21, "g" + i));
      }
      assertThat(txn.remembered()).isZero();
      assertThat(txn.get(Cf.INODES, Keys.inode(20, "f7"))).containsExactly(1);
      assertThat(txn.remembered()).isEqualTo(1);
    }
  }
}
