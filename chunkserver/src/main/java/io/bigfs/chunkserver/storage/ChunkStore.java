package io.bigfs.chunkserver.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The replicas on this node's data directories, indexed in memory by chunk id. Writes go to a
 * temporary name and are renamed into place when finalized, so a crash never leaves a half
 * chunk that looks whole. Listeners hear of replicas finalized and deleted (for heartbeats).
 */
public final class ChunkStore {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkStore.class);

  /** Told about replicas that became finalized or were removed, for incremental reports. */
  public interface Listener {
    void finalized(Replica replica);

    void removed(long chunkId);
  }

  private final List<Path> dirs;
  private final String uuid;
  private final ConcurrentMap<Long, Replica> replicas = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  private ChunkStore(List<Path> dirs, String uuid) {
    this.dirs = dirs;
    this.uuid = uuid;
  }

  public static ChunkStore open(List<Path> dirs) throws IOException {
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException("no data directory given");
    }
    for (Path dir : dirs) {
      Files.createDirectories(dir.resolve(ChunkFiles.CURRENT));
      Files.createDirectories(dir.resolve(ChunkFiles.TMP));
    }
    ChunkStore store = new ChunkStore(List.copyOf(dirs), NodeIdentity.loadOrCreate(dirs));
    store.scan();
    return store;
  }

  private void scan() throws IOException {
    for (int i = 0; i < dirs.size(); i++) {
      Path dir = dirs.get(i);
      try (Stream<Path> files = Files.walk(dir.resolve(ChunkFiles.CURRENT), 2)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          load(f, i, true);
        }
      }
      try (Stream<Path> files = Files.list(dir.resolve(ChunkFiles.TMP))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          load(f, i, false);
        }
      }
    }
    LOG.info("found {} replicas in {}", replicas.size(), dirs);
  }

  private void load(Path file, int dirIndex, boolean finalized) throws IOException {
    long[] idVersion = ChunkFiles.parse(file.getFileName().toString());
    if (idVersion == null) {
      return;
    }
    Replica found = new Replica(idVersion[0], idVersion[1], Files.size(file), finalized, dirIndex, file);
    Replica existing = replicas.get(found.chunkId());
    if (existing == null || prefer(found, existing)) {
      replicas.put(found.chunkId(), found);
    }
  }

  /** Of two copies of one chunk on this node, keep the newer version, finalized over temporary. */
  private static boolean prefer(Replica a, Replica b) {
    return a.version() != b.version() ? a.version() > b.version() : a.finalized() && !b.finalized();
  }

  public String uuid() {
    return uuid;
  }

  public List<Path> dirs() {
    return dirs;
  }

  public Replica get(long chunkId) {
    return replicas.get(chunkId);
  }

  public Collection<Replica> all() {
    return new ArrayList<>(replicas.values());
  }

  public int count() {
    return replicas.size();
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Total and used bytes over all data directories (their file systems, counted once each). */
  public long[] capacityAndUsed() throws IOException {
    long capacity = 0;
    long used = 0;
    List<FileStore> seen = new ArrayList<>();
    for (Path dir : dirs) {
      FileStore fs = Files.getFileStore(dir);
      if (seen.contains(fs)) {
        continue;
      }
      seen.add(fs);
      capacity += fs.getTotalSpace();
      used += fs.getTotalSpace() - fs.getUsableSpace();
    }
    return new long[] {capacity, used};
  }
}
