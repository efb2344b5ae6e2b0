package io.bigfs.master.raft;

import io.bigfs.common.FileTrees;
import io.bigfs.master.store.MetaStore;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshots as RocksDB checkpoints, one directory each: {@code sm/snapshot.<term>_<index>/}.
 * A directory counts only once its completion marker exists, which is written last (and is
 * the last file Ratis transfers to a follower), so a crash mid-snapshot leaves no half snapshot
 * that looks whole. Ratis streams every file to a lagging follower and replaces its {@code sm}
 * directory with them; the state machine then rebuilds its store from the newest one.
 */
final class SnapshotStorage implements StateMachineStorage {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStorage.class);
  private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
  private static final int RETAINED = 2;

  private File smDir;
  private File tmpDir;
  private volatile FileListSnapshotInfo latest;
  private volatile SnapshotStats latestStats;

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    smDir = raftStorage.getStorageDir().getStateMachineDir();
    tmpDir = raftStorage.getStorageDir().getTmpDir();
    Files.createDirectories(smDir.toPath());
    Files.createDirectories(tmpDir.toPath());
    reload();
  }

  /** Re-reads the newest complete snapshot from disk (after start, or after an install). */
  void reload() throws IOException {
    latest = null;
    latestStats = null;
    Path newest = null;
    TermIndex newestTi = null;
    for (Path dir : snapshotDirs()) {
      TermIndex ti = termIndexOf(dir);
      if (Files.exists(dir.resolve(MetaStore.SNAPSHOT_MARKER)) && (newestTi == null || ti.compareTo(newestTi) > 0)) {
        newest = dir;
        newestTi = ti;
      }
    }
    if (newest != null) {
      latest = describe(newest, newestTi);
      latestStats = measure(newest, newestTi);
    }
  }

  /** Checkpoints {@code store} as the snapshot at {@code ti}. */
  FileListSnapshotInfo take(MetaStore store, TermIndex ti) throws IOException {
    Path target = smDir.toPath().resolve("snapshot." + ti.getTerm() + "_" + ti.getIndex());
    if (!Files.exists(target.resolve(MetaStore.SNAPSHOT_MARKER))) {
      Path staging = tmpDir.toPath().resolve("checkpoint-" + ti.getTerm() + "_" + ti.getIndex());
      FileTrees.delete(staging);
      store.checkpoint(staging);
      Files.writeString(staging.resolve(MetaStore.SNAPSHOT_MARKER), ti.toString() + "\n");
      FileTrees.delete(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }
    latest = describe(target, ti);
    latestStats = measure(target, ti);
    deleteOlderThan(ti);
    return latest;
  }

  Path dirOf(TermIndex ti) {
    return smDir.toPath().resolve("snapshot." + ti.getTerm() + "_" + ti.getIndex());
  }

  @Override
  public FileListSnapshotInfo getLatestSnapshot() {
    return latest;
  }

  /** When the newest snapshot was made and its size; null before the first. */
  SnapshotStats latestStats() {
    return latestStats;
  }

  @Override
  public void format() {
    // Nothing to prepare: snapshot directories are made on demand.
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    if (latest != null) {
      deleteOlderThan(latest.getTermIndex());
    }
  }

  @Override
  public File getSnapshotDir() {
    return smDir;
  }

  /** Keeps the newest {@value #RETAINED} snapshots up to {@code newest}. */
  private void deleteOlderThan(TermIndex newest) throws IOException {
    List<Path> dirs = new ArrayList<>(snapshotDirs());
    dirs.removeIf(d -> termIndexOf(d).compareTo(newest) > 0);
    dirs.sort(Comparator.comparing(SnapshotStorage::termIndexOf).reversed());
    for (Path old : dirs.subList(Math.min(RETAINED, dirs.size()), dirs.size())) {
      LOG.info("deleting old snapshot {}", old.getFileName());
      FileTrees.delete(old);
    }
  }

  private List<Path> snapshotDirs() throws IOException {
    try (Stream<Path> list = Files.list(smDir.toPath())) {
      return list.filter(p -> Files.isDirectory(p) && NAME.matcher(p.getFileName().toString()).matches()).toList();
    }
  }

  private static TermIndex termIndexOf(Path dir) {
    Matcher m = NAME.matcher(dir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a snapshot directory: " + dir);
    }
    return TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  /**
   * The completion marker is written last, so its time is when the snapshot was taken here (or
   * installed from the leader); it survives restarts, unlike a time kept in memory.
   */
  private static SnapshotStats measure(Path dir, TermIndex ti) throws IOException {
    long bytes = 0;
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.toList()) {
        if (Files.isRegularFile(f)) {
          bytes += Files.size(f);
        }
      }
    }
    long takenMs = Files.getLastModifiedTime(dir.resolve(MetaStore.SNAPSHOT_MARKER)).toMillis();
    return new SnapshotStats(ti.getIndex(), takenMs, bytes);
  }

  /** The files of a snapshot, the completion marker last. */
  private static FileListSnapshotInfo describe(Path dir, TermIndex ti) throws IOException {
    List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.sorted().toList()) {
        String name = f.getFileName().toString();
        if (Files.isRegularFile(f) && MetaStore.isDbFile(name)) {
          files.add(new FileInfo(f.toAbsolutePath(), null));
        }
      }
    }
    files.add(new FileInfo(dir.resolve(MetaStore.SNAPSHOT_MARKER).toAbsolutePath(), null));
    return new FileListSnapshotInfo(files, ti);
  }
}
