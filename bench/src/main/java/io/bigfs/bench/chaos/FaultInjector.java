package io.bigfs.bench.chaos;

import io.bigfs.client.BfsClient;
import io.bigfs.client.MasterReport;
import io.bigfs.common.rpc.Channels;
import io.bigfs.proto.AdminServiceGrpc;
import io.bigfs.proto.TakeSnapshotRequest;
import io.grpc.ManagedChannel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Strikes the faults of a schedule at their times and heals each after its hold. Stopping it
 * lets the fault in progress be healed and strikes no more. What was actually done (the node
 * a "leader" target turned out to be, the chunk file hit) is logged for the report.
 */
final class FaultInjector implements Runnable {
  private final LocalNodes nodes;
  private final BfsClient admin;
  private final List<Fault> schedule;
  private final long startNs;
  private final List<String> log = new ArrayList<>();
  private volatile boolean stopping;
  private volatile Throwable failure;

  FaultInjector(LocalNodes nodes, BfsClient admin, List<Fault> schedule, long startNs) {
    this.nodes = nodes;
    this.admin = admin;
    this.schedule = schedule;
    this.startNs = startNs;
  }

  @Override
  public void run() {
    try {
      for (Fault f : schedule) {
        while (!stopping && elapsedMs() < f.atMs()) {
          Thread.sleep(Math.min(100, f.atMs() - elapsedMs()));
        }
        if (stopping) {
          return;
        }
        strike(f);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | AssertionError e) {
      failure = e;
      record("injector failed: " + e);
    }
  }

  void stop() {
    stopping = true;
  }

  /** Why the injector gave up, or null: a node that cannot be restarted is an anomaly of its own. */
  Throwable failure() {
    return failure;
  }

  synchronized List<String> log() {
    return List.copyOf(log);
  }

  /** Faults actually struck. */
  synchronized int struck() {
    return (int) log.stream().filter(l -> l.contains(" strike ")).count();
  }

  private void strike(Fault f) throws Exception {
    String node = resolve(f);
    record("strike " + f.kind() + " " + node);
    switch (f.kind()) {
      case KILL_MASTER, KILL_CHUNKSERVER -> {
        nodes.kill(node);
        hold(f);
        nodes.restart(node);
      }
      case WIPE_MASTER -> {
        snapshotOthers(node);
        nodes.kill(node);
        nodes.wipe(node);
        hold(f);
        nodes.restart(node);
        admin.masters().stream().filter(m -> m.id().equals(node)).findFirst().ifPresent(m -> record(
            "  " + node + " restarted empty, now at applied index " + m.appliedIndex() + ", snapshot " + m.snapshotIndex()));
      }
      case PAUSE -> {
        nodes.signal(node, "STOP");
        try {
          hold(f);
        } finally {
          nodes.signal(node, "CONT");
        }
      }
      case CORRUPT_CHUNK, TRUNCATE_CHUNK -> record("  " + damage(node, f));
      case DISK_FULL -> {
        if (nodes.diskFullUnavailable() != null) {
          record("  skipped: no disk of its own to fill (" + nodes.diskFullUnavailable() + ")");
        } else {
          record("  filled with " + nodes.fillDisk(node) / (1 << 20) + " MiB");
          try {
            hold(f);
          } finally {
            nodes.freeDisk(node);
          }
        }
      }
    }
    record("healed " + f.kind() + " " + node);
  }

  /**
   * Snapshots the other masters (which purges their logs up to the purge gap), so that the wiped
   * master is more likely to be brought back by a snapshot install than by replaying the log.
   */
  private void snapshotOthers(String wiped) {
    for (MasterReport m : admin.masters()) {
      if (m.reachable() && !m.id().equals(wiped)) {
        ManagedChannel channel = Channels.open(m.address());
        try {
          long index = AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
              .takeSnapshot(TakeSnapshotRequest.newBuilder().setUser(admin.config().user()).build())
              .getSnapshotIndex();
          record("  snapshot of " + m.id() + " at " + index);
        } catch (RuntimeException e) {
          record("  snapshot of " + m.id() + " failed: " + e.getMessage());
        } finally {
          Channels.close(channel);
        }
      }
    }
  }

  /** Rots one chunk file: a few bytes flipped in the middle, or the second half cut off. */
  private String damage(String chunkserver, Fault f) throws IOException {
    List<Path> files = nodes.chunkFiles(chunkserver);
    if (files.isEmpty()) {
      return "no chunk file on " + chunkserver + " yet";
    }
    Path file = files.get(f.pick() % files.size());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long length = raf.length();
      if (length == 0) {
        return file.getFileName() + " is empty; left alone";
      }
      if (f.kind() == Fault.Kind.TRUNCATE_CHUNK) {
        raf.setLength(length / 2);
        return "cut " + file.getFileName() + " from " + length + " to " + length / 2 + " bytes";
      }
      Random random = new Random(f.pick());
      long at = random.nextLong(length);
      byte[] bytes = new byte[(int) Math.min(16, length - at)];
      raf.seek(at);
      raf.readFully(bytes);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ~bytes[i];
      }
      raf.seek(at);
      raf.write(bytes);
      return "flipped " + bytes.length + " bytes of " + file.getFileName() + " at " + at;
    }
  }

  private String resolve(Fault f) throws IOException {
    if (!f.target().equals("leader") && !f.target().equals("follower")) {
      return f.target();
    }
    List<MasterReport> masters = admin.masters();
    String leader = masters.stream().filter(m -> m.role().equals("LEADER")).map(MasterReport::id).findFirst()
        .orElse(LocalNodes.MASTERS.get(0));
    if (f.target().equals("leader")) {
      return leader;
    }
    List<String> followers = LocalNodes.MASTERS.stream().filter(m -> !m.equals(leader)).toList();
    return followers.get(f.pick() % followers.size());
  }

  private void hold(Fault f) throws InterruptedException {
    Thread.sleep(f.holdMs());
  }

  private synchronized void record(String what) {
    log.add(String.format("+%6.1fs %s", elapsedMs() / 1000.0, what));
  }

  private long elapsedMs() {
    return (System.nanoTime() - startNs) / 1_000_000;
  }
}
