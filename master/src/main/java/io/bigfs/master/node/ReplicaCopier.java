package io.bigfs.master.node;

import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TransferReplicaReply;
import io.bigfs.proto.TransferReplicaRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Copies replicas chunkserver to chunkserver on the leader's order, at most a few streams per
 * node at a time so that repairs never starve clients. A copy's target counts as a replica
 * from the moment the copy starts until the target has reported it (or the copy failed), so the
 * same copy is not ordered twice.
 */
public final class ReplicaCopier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaCopier.class);
  /** How long a finished copy counts before its target's report must have arrived. */
  private static final long REPORT_WAIT_MS = 30_000;
  private static final long COPY_TIMEOUT_S = 600;

  /** One copy: the chunk at its version and length, from a holder to a new node. */
  public record Copy(long chunkId, long version, long length, NodeState source, NodeState target) {}

  private record Pending(int target, long doneAtMs) {}

  private final ChannelPool channels;
  private final int maxStreamsPerNode;
  private final LongSupplier clock;
  private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "replica-copier");
    t.setDaemon(true);
    return t;
  });
  private final Map<Integer, Integer> streams = new HashMap<>();
  private final Map<Long, List<Pending>> targets = new HashMap<>();
  private final Counter copies;
  private final Counter failures;
  private final Counter bytes;
  private int inFlight;
  private volatile BiConsumer<Copy, Boolean> onCopyDone = (copy, ok) -> { };

  public ReplicaCopier(ChannelPool channels, int maxStreamsPerNode, LongSupplier clock, MeterRegistry metrics) {
    this.channels = channels;
    this.maxStreamsPerNode = maxStreamsPerNode;
    this.clock = clock;
    this.copies = Counter.builder("bfs.master.replication.copies")
        .description("Replicas copied between chunkservers (repair, decommission, rebalance)").register(metrics);
    this.failures = Counter.builder("bfs.master.replication.failures")
        .description("Replica copies that failed").register(metrics);
    this.bytes = Counter.builder("bfs.master.replication.bytes")
        .description("Bytes copied between chunkservers").register(metrics);
    Gauge.builder("bfs.master.replication.copies.inflight", this, ReplicaCopier::inFlight)
        .description("Replica copies under way").register(metrics);
  }

  /** Told after each copy ends, with whether it succeeded: its two streams are free again. */
  public void onCopyDone(BiConsumer<Copy, Boolean> listener) {
    this.onCopyDone = listener;
  }

  /** Whether a node has a stream to spare. */
  public synchronized boolean hasRoom(int nodeId) {
    return streams.getOrDefault(nodeId, 0) < maxStreamsPerNode;
  }

  /** Starts a copy if both nodes have a stream to spare; false otherwise. */
  public synchronized boolean start(Copy copy) {
    if (!hasRoom(copy.source().id()) || !hasRoom(copy.target().id())) {
      return false;
    }
    streams.merge(copy.source().id(), 1, Integer::sum);
    streams.merge(copy.target().id(), 1, Integer::sum);
    targets.computeIfAbsent(copy.chunkId(), c -> new ArrayList<>()).add(new Pending(copy.target().id(), Long.MAX_VALUE));
    inFlight++;
    pool.execute(() -> run(copy));
    return true;
  }

  private void run(Copy copy) {
    boolean ok = false;
    try {
      TransferReplicaReply reply = ChunkServiceGrpc.newBlockingStub(channels.get(copy.source().address()))
          .withDeadlineAfter(COPY_TIMEOUT_S, TimeUnit.SECONDS)
          .transferReplica(TransferReplicaRequest.newBuilder()
              .setChunkId(copy.chunkId()).setVersion(copy.version()).setLength(copy.length())
              .setTarget(NodeLocation.newBuilder().setNodeId(copy.target().id()).setAddress(copy.target().address()))
              .setTargetVersion(copy.version()).setFinalize(true).build());
      ok = reply.getStatus().getCode() == StatusCode.OK;
      if (!ok) {
        LOG.info("copy of chunk {} from node {} to {} failed: {}", copy.chunkId(), copy.source().id(),
            copy.target().id(), reply.getStatus().getMessage());
      }
    } catch (RuntimeException e) {
      LOG.info("copy of chunk {} from node {} to {} failed: {}", copy.chunkId(), copy.source().id(),
          copy.target().id(), e.getMessage());
    }
    synchronized (this) {
      streams.merge(copy.source().id(), -1, Integer::sum);
      streams.merge(copy.target().id(), -1, Integer::sum);
      inFlight--;
      List<Pending> list = targets.get(copy.chunkId());
      if (list != null) {
        list.removeIf(p -> p.target() == copy.target().id());
        if (ok) {
          list.add(new Pending(copy.target().id(), clock.getAsLong()));
        }
        if (list.isEmpty()) {
          targets.remove(copy.chunkId());
        }
      }
    }
    if (ok) {
      LOG.info("copied chunk {} ({} bytes) from node {} to {}", copy.chunkId(), copy.length(), copy.source().id(),
          copy.target().id());
      copies.increment();
      bytes.increment(copy.length());
    } else {
      failures.increment();
    }
    onCopyDone.accept(copy, ok);
  }

  /**
   * Nodes a copy of the chunk is going to, or went to and have not reported it yet; those the
   * replica map now lists (or that waited too long) are dropped.
   */
  public synchronized List<Integer> pendingTargets(long chunkId, int[] holders) {
    List<Pending> list = targets.get(chunkId);
    if (list == null) {
      return List.of();
    }
    long now = clock.getAsLong();
    list.removeIf(p -> ReplicaMap.contains(holders, p.target()) || now - p.doneAtMs() > REPORT_WAIT_MS);
    if (list.isEmpty()) {
      targets.remove(chunkId);
      return List.of();
    }
    return list.stream().map(Pending::target).toList();
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
