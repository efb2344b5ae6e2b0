package io.bigfs.chunkserver.storage;

import io.bigfs.common.BfsException;
import io.bigfs.proto.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
  private final ConcurrentMap<Long, ReplicaWriter> writers = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final double maxFullness;
  private final long capacityLimit;
  private final boolean directIo;

  private ChunkStore(List<Path> dirs, String uuid, double maxFullness, long capacityLimit, boolean directIo) {
    this.dirs = dirs;
    this.uuid = uuid;
    this.maxFullness = maxFullness;
    this.capacityLimit = capacityLimit;
    this.directIo = directIo;
  }

  /**
   * Opens the data directories, finding the replicas they hold.
   *
   * @param maxFullness   fraction of disk use past which new replicas are refused
   * @param capacityLimit bytes BigFS may use on this node; 0 for the whole disks
   */
  public static ChunkStore open(List<Path> dirs, double maxFullness, long capacityLimit) throws IOException {
    return open(dirs, maxFullness, capacityLimit, true);
  }

  /**
   * @param directIo write whole blocks of replicas, and read large ranges of finished ones, past
   *                 the page cache where the disk allows ({@link DirectAppender}, {@link ReplicaReader})
   */
  public static ChunkStore open(List<Path> dirs, double maxFullness, long capacityLimit, boolean directIo)
      throws IOException {
    if (dirs.isEmpty()) {
      throw new IllegalArgumentException("no data directory given");
    }
    for (Path dir : dirs) {
      Files.createDirectories(dir.resolve(ChunkFiles.CURRENT));
      Files.createDirectories(dir.resolve(ChunkFiles.TMP));
    }
    ChunkStore store = new ChunkStore(List.copyOf(dirs), NodeIdentity.loadOrCreate(dirs), maxFullness,
        capacityLimit, directIo);
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
    // A replica that was being written when the node stopped holds what its checksums vouch for.
    long length = finalized ? Files.size(file) : ReplicaCheck.validPrefix(file);
    Replica found = new Replica(idVersion[0], idVersion[1], length, finalized, dirIndex, file);
    Replica existing = replicas.get(found.chunkId());
    if (existing == null || prefer(found, existing)) {
      replicas.put(found.chunkId(), found);
    }
  }

  /** Of two copies of one chunk on this node, keep the newer version, finalized over temporary. */
  private static boolean prefer(Replica a, Replica b) {
    return a.version() != b.version() ? a.version() > b.version() : a.finalized() && !b.finalized();
  }

  boolean directIo() {
    return directIo;
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

  /** Bytes held in replicas. */
  public long storedBytes() {
    long total = 0;
    for (Replica r : replicas.values()) {
      total += r.length();
    }
    return total;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  // ------------------------------------------------------------------ writing

  /**
   * Starts writing a replica. A new one ({@code append} false) gets fresh temporary files; an
   * existing unfinalized one is resumed at {@code resumeOffset}, renamed to {@code version}
   * (pipeline recovery: survivors move to the chunk's new version) and cut to that length.
   */
  public synchronized ReplicaWriter openWriter(long chunkId, long version, long resumeOffset, boolean append)
      throws IOException {
    if (chunkId <= 0 || version <= 0) {
      throw BfsException.invalid("chunk id and version must be positive");
    }
    ReplicaWriter active = writers.get(chunkId);
    Replica existing = replicas.get(chunkId);
    ReplicaWriter writer;
    if (!append) {
      if (resumeOffset != 0) {
        throw BfsException.invalid("chunk " + chunkId + ": a new replica starts at offset 0");
      }
      if (existing != null && existing.version() >= version && !brokenCopy(existing, version, active)) {
        throw new BfsException(StatusCode.ALREADY_EXISTS, "chunk " + chunkId + " already has a replica at version "
            + existing.version());
      }
      if (!acceptsNewReplicas()) {
        throw new BfsException(StatusCode.NO_SPACE, "this node's disks are past "
            + Math.round(maxFullness * 100) + "% full");
      }
      if (active != null) {
        active.close();
      }
      if (existing != null) {
        removeFiles(existing);
      }
      int dir = emptiestDir();
      Path file = ChunkFiles.temporaryData(dirs.get(dir), chunkId, version);
      writer = new ReplicaWriter(this, chunkId, version, dir, file, 0, new int[0], true, directIo);
    } else {
      if (active != null) {
        active.close();
        existing = replicas.get(chunkId);
      }
      writer = resume(chunkId, version, resumeOffset, existing);
    }
    replicas.put(chunkId, new Replica(chunkId, version, resumeOffset, false, writer.dirIndex(), writer.dataFile()));
    writers.put(chunkId, writer);
    return writer;
  }

  /**
   * Whether an existing replica is what a broken copy left: unfinished, at the very version now
   * written anew, and written by no one. A new replica at a version is only started by a copy of
   * a complete chunk (a client's pipeline gets fresh chunks, and its recovery resumes survivors
   * under a newer version), so the leftover has no use; refusing it would refuse every later
   * copy here, and with three nodes the chunk would stay a replica short until this node's next
   * full report (an hour) told the master to delete it.
   */
  private static boolean brokenCopy(Replica existing, long version, ReplicaWriter active) {
    return !existing.finalized() && existing.version() == version && active == null;
  }

  private ReplicaWriter resume(long chunkId, long version, long offset, Replica existing) throws IOException {
    if (existing == null) {
      throw new BfsException(StatusCode.NOT_FOUND, "chunk " + chunkId + ": no replica here to resume");
    }
    if (existing.finalized()) {
      throw BfsException.invalid("chunk " + chunkId + " is finalized and cannot be written");
    }
    if (existing.version() > version) {
      throw new BfsException(StatusCode.STALE_VERSION, "chunk " + chunkId + ": replica version "
          + existing.version() + " is newer than " + version);
    }
    if (offset > existing.length()) {
      throw BfsException.invalid("chunk " + chunkId + ": cannot resume at " + offset + ", the replica holds "
          + existing.length() + " bytes");
    }
    Path file = existing.dataFile();
    if (existing.version() != version) {
      Path renamed = ChunkFiles.temporaryData(dirs.get(existing.dirIndex()), chunkId, version);
      Files.move(ChunkFiles.checksumFileOf(file), ChunkFiles.checksumFileOf(renamed), StandardCopyOption.ATOMIC_MOVE);
      Files.move(file, renamed, StandardCopyOption.ATOMIC_MOVE);
      file = renamed;
    }
    int[] known = ReplicaCheck.fullBlockCrcs(file, offset);
    return new ReplicaWriter(this, chunkId, version, existing.dirIndex(), file, offset, known, false, directIo);
  }

  /** Moves a written replica into place; from now on it is complete and immutable. */
  synchronized Replica finalizeWritten(ReplicaWriter w) throws IOException {
    Path target = ChunkFiles.finalizedData(dirs.get(w.dirIndex()), w.chunkId(), w.version());
    Files.createDirectories(target.getParent());
    // The checksums first: a data file in current/ is what makes a replica count.
    Files.move(ChunkFiles.checksumFileOf(w.dataFile()), ChunkFiles.checksumFileOf(target),
        StandardCopyOption.ATOMIC_MOVE);
    Files.move(w.dataFile(), target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.getParent());
    Replica done = new Replica(w.chunkId(), w.version(), w.length(), true, w.dirIndex(), target);
    writers.remove(w.chunkId(), w);
    replicas.put(w.chunkId(), done);
    listeners.forEach(l -> l.finalized(done));
    return done;
  }

  /** A writer stopped without finalizing: the replica keeps what it has under its temporary name. */
  synchronized void writerClosed(ReplicaWriter w) {
    if (writers.remove(w.chunkId(), w)) {
      replicas.computeIfPresent(w.chunkId(), (id, r) -> r.version() == w.version() && !r.finalized()
          ? new Replica(r.chunkId(), r.version(), w.length(), false, r.dirIndex(), r.dataFile()) : r);
    }
  }

  /** The writer of a replica being written, if any. */
  public ReplicaWriter writer(long chunkId) {
    return writers.get(chunkId);
  }

  /** Writers currently open, for the load a node reports. */
  public int activeWriters() {
    return writers.size();
  }

  /**
   * Lease recovery: cuts a replica to {@code length} under {@code newVersion}, finalizing it if
   * asked. Repeating a recovery that already happened is no error.
   */
  public Replica recover(long chunkId, long oldVersion, long newVersion, long length, boolean finalize)
      throws IOException {
    ReplicaWriter writer;
    synchronized (this) {
      Replica existing = replicas.get(chunkId);
      if (existing != null && existing.finalized() && existing.version() == newVersion && existing.length() == length) {
        return existing;
      }
      if (existing == null || existing.version() < oldVersion || existing.version() > newVersion) {
        throw new BfsException(StatusCode.STALE_VERSION, "chunk " + chunkId + ": no replica between versions "
            + oldVersion + " and " + newVersion);
      }
      if (existing.finalized()) {
        throw BfsException.invalid("chunk " + chunkId + " is already finalized at " + existing.length() + " bytes");
      }
      writer = openWriter(chunkId, newVersion, length, true);
    }
    if (finalize) {
      return writer.finalizeReplica();
    }
    writer.close();
    return replicas.get(chunkId);
  }

  /**
   * Deletes a replica (on the master's order); false if there was none. Either way the masters
   * hear that this node does not hold the chunk: one that was placed here but never written (a
   * file that stayed empty) is otherwise listed here by the masters until this node's next full report.
   */
  public boolean delete(long chunkId) throws IOException {
    Replica gone;
    synchronized (this) {
      ReplicaWriter active = writers.get(chunkId);
      if (active != null) {
        active.close();
      }
      gone = replicas.remove(chunkId);
      if (gone != null) {
        removeFiles(gone);
      }
    }
    if (gone == null) {
      listeners.forEach(l -> l.removed(chunkId));
      return false;
    }
    LOG.info("deleted replica of chunk {} (version {}, {} bytes, {})", chunkId, gone.version(), gone.length(),
        gone.finalized() ? "finalized" : "unfinished");
    listeners.forEach(l -> l.removed(chunkId));
    return true;
  }

  private static void removeFiles(Replica r) throws IOException {
    Files.deleteIfExists(r.dataFile());
    Files.deleteIfExists(r.checksumFile());
  }

  private int emptiestDir() throws IOException {
    int best = 0;
    long bestFree = -1;
    for (int i = 0; i < dirs.size(); i++) {
      long free = Files.getFileStore(dirs.get(i)).getUsableSpace();
      if (free > bestFree) {
        best = i;
        bestFree = free;
      }
    }
    return best;
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Whether there is room for new replicas (below the configured fullness). */
  public boolean acceptsNewReplicas() throws IOException {
    long[] cu = capacityAndUsed();
    return cu[0] > 0 && cu[1] < maxFullness * cu[0];
  }

  /**
   * Capacity and used bytes: of the data directories' file systems (each counted once), or,
   * with a capacity limit, the limit and the bytes held in replicas.
   */
  public long[] capacityAndUsed() throws IOException {
    if (capacityLimit > 0) {
      return new long[] {capacityLimit, storedBytes()};
    }
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
