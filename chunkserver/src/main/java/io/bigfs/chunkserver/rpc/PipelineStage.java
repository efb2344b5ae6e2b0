package io.bigfs.chunkserver.rpc;

import io.bigfs.chunkserver.storage.ChunkStore;
import io.bigfs.chunkserver.storage.ReplicaWriter;
import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TokenKind;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's place in one chunk's write pipeline. Each packet is checked and written here,
 * then forwarded to the next node; the next node's acknowledgement of a packet is passed
 * upstream (this node already has it). The last node acknowledges as soon as it has written.
 * A failure is reported upstream once, naming the position of the node that failed.
 */
final class PipelineStage implements StreamObserver<WritePacket> {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineStage.class);

  private final ChunkStore store;
  private final ChannelPool peers;
  private final ChunkAccess access;
  private final StreamObserver<WriteAck> upstream;
  private final AtomicInteger activeTransfers;
  private final DataMetrics metrics;
  private ReplicaWriter writer;
  private StreamObserver<WritePacket> downstream;
  private boolean failed;
  private boolean finished;
  private boolean released;
  private long lastSeq = -1;
  private boolean finalized;
  private boolean lastAckedDownstream;
  /** What this stream was answered with, for the request counter. */
  private String outcome = StatusCode.OK.name();

  PipelineStage(ChunkStore store, ChannelPool peers, ChunkAccess access, StreamObserver<WriteAck> upstream,
                AtomicInteger activeTransfers, DataMetrics metrics) {
    this.store = store;
    this.peers = peers;
    this.access = access;
    this.upstream = upstream;
    this.activeTransfers = activeTransfers;
    this.metrics = metrics;
    activeTransfers.incrementAndGet();
  }

  @Override
  public void onNext(WritePacket packet) {
    if (failed) {
      return;
    }
    if (writer == null) {
      open(packet.getHeader());
      return;
    }
    long start = System.nanoTime();
    try {
      writer.write(packet.getOffset(), packet.getData(), packet.getChecksumsList());
      if (packet.getSync()) {
        writer.sync();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BfsException b && b.code() == StatusCode.CORRUPT) {
        metrics.writeChecksumFailure();
      }
      fail(0, e);
      return;
    }
    metrics.written(packet.getData().size(), System.nanoTime() - start, downstream != null);
    if (!packet.getLast()) {
      if (downstream != null) {
        downstream.onNext(packet);
      } else {
        ack(packet.getSeq());
      }
      return;
    }
    // The last packet: pass it on first, so that every replica forces its data to disk at the
    // same time, then finalize here; it is acknowledged once both are done.
    lastSeq = packet.getSeq();
    if (downstream != null) {
      downstream.onNext(packet);
    }
    try {
      writer.finalizeReplica();
    } catch (IOException | RuntimeException e) {
      fail(0, e);
      return;
    }
    finalizedHere(downstream == null);
  }

  /** Acknowledges the last packet once this replica is finalized and the next one has acknowledged it. */
  private synchronized void finalizedHere(boolean lastNode) {
    finalized = true;
    if (lastNode || lastAckedDownstream) {
      ack(lastSeq);
    }
  }

  private synchronized void downstreamAcked(long seq) {
    if (seq == lastSeq) {
      lastAckedDownstream = true;
      if (!finalized) {
        return;
      }
    }
    ack(seq);
  }

  private void open(WriteHeader header) {
    try {
      access.check(header.getToken(), header.getChunkId(), TokenKind.TOKEN_CHUNK_WRITE);
      writer = store.openWriter(header.getChunkId(), header.getVersion(), header.getResumeOffset(),
          header.getAppend());
    } catch (IOException | RuntimeException e) {
      fail(0, e);
      return;
    }
    if (header.getDownstreamCount() > 0) {
      var next = header.getDownstream(0);
      downstream = ChunkServiceGrpc.newStub(peers.get(next.getAddress())).writeChunk(new DownstreamAcks());
      downstream.onNext(WritePacket.newBuilder().setHeader(header.toBuilder()
          .clearDownstream().addAllDownstream(header.getDownstreamList().subList(1, header.getDownstreamCount())))
          .build());
    }
  }

  /** Acknowledgements from the next node. */
  private final class DownstreamAcks implements StreamObserver<WriteAck> {
    @Override
    public void onNext(WriteAck ack) {
      if (ack.getStatus().getCode() == StatusCode.OK) {
        downstreamAcked(ack.getSeq());
      } else {
        int index = ack.getFailedIndex() < 0 ? -1 : ack.getFailedIndex() + 1;
        failWith(index, ack.getStatus());
      }
    }

    @Override
    public void onError(Throwable t) {
      failWith(1, Statuses.of(StatusCode.UNAVAILABLE, "next node in the pipeline failed: " + t.getMessage()));
    }

    @Override
    public void onCompleted() {
      complete();
    }
  }

  private synchronized void ack(long seq) {
    if (!failed) {
      upstream.onNext(WriteAck.newBuilder().setSeq(seq).setStatus(Statuses.ok()).setFailedIndex(-1).build());
    }
  }

  private void fail(int index, Exception e) {
    StatusCode code = e instanceof BfsException b ? b.code() : StatusCode.INTERNAL;
    LOG.info("pipeline stage failed ({}): {}", index == 0 ? "here" : "node +" + index, e.getMessage());
    failWith(index, Statuses.of(code, e.getMessage() == null ? e.toString() : e.getMessage()));
  }

  private synchronized void failWith(int index, io.bigfs.proto.Status status) {
    if (failed) {
      return;
    }
    failed = true;
    outcome = status.getCode().name();
    try {
      upstream.onNext(WriteAck.newBuilder().setStatus(status).setFailedIndex(index).build());
      upstream.onCompleted();
    } catch (RuntimeException ignored) {
      // upstream is gone too
    }
    cleanup();
  }

  @Override
  public void onError(Throwable t) {
    // The writer upstream went away: keep what was written (recovery may resume it).
    synchronized (this) {
      failed = true;
      outcome = DataMetrics.CANCELLED;
    }
    if (downstream != null) {
      try {
        downstream.onError(t);
      } catch (RuntimeException ignored) {
        // already broken
      }
    }
    cleanup();
  }

  @Override
  public void onCompleted() {
    if (downstream != null && !failed) {
      downstream.onCompleted();
    } else {
      complete();
    }
  }

  private synchronized void complete() {
    if (!failed && !finished) {
      finished = true;
      upstream.onCompleted();
    }
    cleanup();
  }

  private synchronized void cleanup() {
    if (writer != null) {
      writer.close();
    }
    if (!released) {
      released = true;
      activeTransfers.decrementAndGet();
      metrics.request(DataMetrics.Op.WRITE, outcome);
    }
  }
}
