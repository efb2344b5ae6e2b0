package io.bigfs.bench.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What the cluster acknowledged to the workload, and what it left in doubt. A write whose
 * close() returned, a rename or a delete that returned, is acknowledged: the checker holds the
 * cluster to it. An operation that failed may or may not have happened (the answer may have been
 * lost after the commit), so the paths it touched are in doubt and only loosely checked.
 */
final class Ledger {
  /** A file whose content the cluster acknowledged. */
  record Written(long id, long length, String sha256) {}

  private final Map<String, Written> files = new HashMap<>();
  /** Paths that were acknowledged deleted or renamed away: they must not exist. */
  private final Set<String> gone = new HashSet<>();
  /** Paths an unacknowledged operation touched, with the content they hold if they exist. */
  private final Map<String, Written> doubtful = new HashMap<>();
  private final Set<String> doubtfulWrites = new HashSet<>();

  synchronized void written(String path, Written w) {
    files.put(path, w);
  }

  /** A write that failed: the file may exist, complete or cut short, or not at all. */
  synchronized void writeInDoubt(String path) {
    doubtfulWrites.add(path);
  }

  synchronized void renamed(String source, String target) {
    Written w = files.remove(source);
    gone.add(source);
    files.put(target, w);
  }

  /** A rename that failed: the file is at exactly one of the two paths, unchanged. */
  synchronized void renameInDoubt(String source, String target) {
    Written w = files.remove(source);
    doubtful.put(source, w);
    doubtful.put(target, w);
  }

  synchronized void deleted(String path) {
    files.remove(path);
    gone.add(path);
  }

  synchronized void deleteInDoubt(String path) {
    doubtful.put(path, files.remove(path));
  }

  /** An acknowledged file, for a reader or a mutation; null when there is none yet. */
  synchronized Map.Entry<String, Written> pick(Random random) {
    if (files.isEmpty()) {
      return null;
    }
    List<Map.Entry<String, Written>> all = new ArrayList<>(files.entrySet());
    all.sort(Map.Entry.comparingByKey());
    return all.get(random.nextInt(all.size()));
  }

  /** Whether {@code path} still holds {@code w} as far as acknowledged operations go. */
  synchronized boolean holds(String path, Written w) {
    return files.get(path) == w;
  }

  synchronized Map<String, Written> files() {
    return Map.copyOf(files);
  }

  synchronized Set<String> gone() {
    return Set.copyOf(gone);
  }

  synchronized Map<String, Written> doubtful() {
    return new HashMap<>(doubtful);
  }

  synchronized Set<String> doubtfulWrites() {
    return Set.copyOf(doubtfulWrites);
  }
}
