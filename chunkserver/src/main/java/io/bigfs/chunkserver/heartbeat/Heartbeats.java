package io.bigfs.chunkserver.heartbeat;

import io.bigfs.chunkserver.storage.ChunkStore;
import io.bigfs.chunkserver.storage.Replica;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.MasterChannels;
import io.bigfs.proto.BlockReportPart;
import io.bigfs.proto.BlockReportReply;
import io.bigfs.proto.ChunkReplica;
import io.bigfs.proto.HeartbeatReply;
import io.bigfs.proto.HeartbeatRequest;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.NodeServiceGrpc;
import io.bigfs.proto.RegisterReply;
import io.bigfs.proto.RegisterRequest;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.ReportBadReplicaReply;
import io.bigfs.proto.ReportBadReplicaRequest;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * Keeps every master informed about this node. Registration goes to the leader (it assigns the
 * node id through Raft); heartbeats and block reports go to each of the three masters on a
 * thread of its own, so that one slow master delays nobody else.
 */
public final class Heartbeats implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
  private static final int REPORT_PART_SIZE = 20_000;

  /** Settings the heartbeat loop needs. */
  public record Settings(String address, String rack, long intervalMs, long blockReportIntervalMs) {}

  private final ChunkStore store;
  private final MasterChannels masters;
  private final Settings settings;
  private final IntSupplier activeTransfers;
  private final LongConsumer deleteOrder;
  private final List<MasterLink> links = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private volatile int nodeId;

  /**
   * @param deleteOrder called with each chunk id the leader orders deleted
   */
  public Heartbeats(ChunkStore store, MasterChannels masters, Settings settings, IntSupplier activeTransfers,
                    LongConsumer deleteOrder) {
    this.store = store;
    this.masters = masters;
    this.settings = settings;
    this.activeTransfers = activeTransfers;
    this.deleteOrder = deleteOrder;
    for (String address : masters.addresses()) {
      links.add(new MasterLink(address));
    }
    store.addListener(new ChunkStore.Listener() {
      @Override
      public void finalized(Replica r) {
        ChunkReplica replica = toProto(r);
        links.forEach(l -> l.added(replica));
      }

      @Override
      public void removed(long chunkId) {
        links.forEach(l -> l.removed(chunkId));
      }
    });
  }

  /** Registers with the leader (waiting for one if needed), then starts a heartbeat thread per master. */
  public void start() throws IOException {
    RegisterRequest request = RegisterRequest.newBuilder()
        .setUuid(store.uuid()).setAddress(settings.address()).setRack(settings.rack()).build();
    RegisterReply reply = masters.call((channel, timeoutMs) -> NodeServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).register(request), RegisterReply::getStatus);
    Statuses.check(reply.getStatus(), null);
    nodeId = reply.getNodeId();
    LOG.info("registered as node {} ({})", nodeId, store.uuid());
    for (MasterLink link : links) {
      Thread t = new Thread(() -> loop(link), "heartbeat-" + link.address);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  public int nodeId() {
    return nodeId;
  }

  /** Tells the leader that a replica here is corrupt (found by the scrubber, or by a copy from it); best effort. */
  public void reportCorrupt(long chunkId, String reason) {
    ReportBadReplicaRequest request = ReportBadReplicaRequest.newBuilder()
        .setChunkId(chunkId).setNodeId(nodeId).setReason(reason).build();
    try {
      masters.call((channel, timeoutMs) -> MasterServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).reportBadReplica(request),
          ReportBadReplicaReply::getStatus);
    } catch (IOException e) {
      LOG.warn("could not report corrupt chunk {}: {}", chunkId, e.getMessage());
    }
  }

  private void loop(MasterLink link) {
    while (running) {
      try {
        beat(link);
      } catch (RuntimeException e) {
        LOG.debug("heartbeat to {} failed: {}", link.address, e.toString());
      }
      sleep(settings.intervalMs());
    }
  }

  /**
   * One heartbeat, then a full report if the master asked for one (it has no inventory of this
   * node yet) or the periodic one is due. The heartbeat goes first so that the master knows the
   * node when the report arrives.
   */
  private void beat(MasterLink link) {
    List<Object> events = link.drain();
    HeartbeatReply reply;
    try {
      reply = NodeServiceGrpc.newBlockingStub(masters.channel(link.address))
          .withDeadlineAfter(Math.max(1000, settings.intervalMs()), TimeUnit.MILLISECONDS)
          .heartbeat(heartbeat(events));
    } catch (RuntimeException e) {
      link.requeue(events);
      throw e;
    }
    if (reply.getStatus().getCode() != StatusCode.OK) {
      // A master that has not applied this node's registration yet refuses the heartbeat: the
      // finalized and removed replicas it carried must reach that master with the next one.
      link.requeue(events);
      throw new IllegalStateException("heartbeat refused by " + link.address + ": " + reply.getStatus().getMessage());
    }
    reply.getDeleteChunksList().forEach(deleteOrder::accept);
    long now = System.currentTimeMillis();
    if (reply.getSendBlockReport() || link.needsFullReport()
        || now - link.lastFullReportMs > settings.blockReportIntervalMs()) {
      sendFullReport(link);
    }
  }

  private HeartbeatRequest heartbeat(List<Object> events) {
    long[] capacityUsed;
    boolean accepting;
    try {
      capacityUsed = store.capacityAndUsed();
      accepting = store.acceptsNewReplicas();
    } catch (IOException e) {
      capacityUsed = new long[] {0, 0};
      accepting = false;
    }
    HeartbeatRequest.Builder hb = HeartbeatRequest.newBuilder()
        .setNodeId(nodeId).setUuid(store.uuid()).setAddress(settings.address()).setRack(settings.rack())
        .setCapacityBytes(capacityUsed[0]).setUsedBytes(capacityUsed[1]).setStoredBytes(store.storedBytes())
        .setChunkCount(store.count())
        .setActiveTransfers(activeTransfers.getAsInt()).setAcceptingWrites(accepting);
    for (Object e : events) {
      if (e instanceof ChunkReplica r) {
        hb.addAdded(r);
      } else {
        hb.addRemoved((Long) e);
      }
    }
    return hb.build();
  }

  /** Streams the whole inventory in parts; the master replaces what it knew of this node. */
  private void sendFullReport(MasterLink link) {
    link.startFullReport();
    CompletableFuture<BlockReportReply> done = new CompletableFuture<>();
    StreamObserver<BlockReportPart> out = NodeServiceGrpc.newStub(masters.channel(link.address))
        .withDeadlineAfter(60, TimeUnit.SECONDS)
        .blockReport(new StreamObserver<>() {
          @Override
          public void onNext(BlockReportReply value) {
            done.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            done.complete(BlockReportReply.getDefaultInstance());
          }
        });
    BlockReportPart.Builder part = BlockReportPart.newBuilder().setNodeId(nodeId).setUuid(store.uuid());
    for (Replica r : store.all()) {
      part.addReplicas(toProto(r));
      if (part.getReplicasCount() == REPORT_PART_SIZE) {
        out.onNext(part.build());
        part.clearReplicas();
      }
    }
    out.onNext(part.setLast(true).build());
    out.onCompleted();
    try {
      BlockReportReply reply = done.get(60, TimeUnit.SECONDS);
      Statuses.check(reply.getStatus(), null);
      link.lastFullReportMs = System.currentTimeMillis();
    } catch (Exception e) {
      link.fullReportFailed();
      throw new IllegalStateException("block report to " + link.address + " failed: " + e.getMessage(), e);
    }
  }

  static ChunkReplica toProto(Replica r) {
    return ChunkReplica.newBuilder().setChunkId(r.chunkId()).setVersion(r.version()).setLength(r.length())
        .setFinalized(r.finalized()).build();
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      t.join(2000);
    }
  }
}
