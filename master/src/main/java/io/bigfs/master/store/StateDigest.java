package io.bigfs.master.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A fingerprint of a master's replicated state: every entry of every column family, in key
 * order, read in one RocksDB snapshot. The applied-index record is left out of the hash (it
 * is returned beside it), so two masters that applied the same entries give the same digest
 * whatever their position in the log; comparing them proves the replicas did not diverge.
 *
 * @param appliedIndex the Raft index the state reflects (-1 for an empty store)
 * @param entries      store entries hashed
 * @param sha256       hex SHA-256 of (column family, key, value) for each entry
 * @param families     the same for each column family, to find where two masters differ
 */
public record StateDigest(long appliedIndex, long entries, String sha256, List<Family> families) {

  /** The digest of one column family. */
  public record Family(String name, long entries, String sha256) {}

  public static StateDigest of(MetaStore store) {
    MessageDigest all = newSha256();
    List<Family> families = new ArrayList<>();
    long entries = 0;
    long applied;
    try (View view = store.view()) {
      applied = MetaStore.appliedTermIndex(view)[1];
      for (Cf cf : Cf.values()) {
        MessageDigest one = newSha256();
        long count = 0;
        try (KvCursor c = view.scan(cf, new byte[0], null)) {
          while (c.next()) {
            if (cf == Cf.META && Arrays.equals(c.key(), MetaStore.APPLIED)) {
              continue;
            }
            for (MessageDigest sha : List.of(all, one)) {
              sha.update(cf.nameBytes());
              update(sha, c.key());
              update(sha, c.value());
            }
            count++;
          }
        }
        families.add(new Family(new String(cf.nameBytes(), java.nio.charset.StandardCharsets.UTF_8), count,
            HexFormat.of().formatHex(one.digest())));
        entries += count;
      }
    }
    return new StateDigest(applied, entries, HexFormat.of().formatHex(all.digest()), List.copyOf(families));
  }

  /** Length first, so that no two different entries hash the same bytes. */
  private static void update(MessageDigest sha, byte[] bytes) {
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
