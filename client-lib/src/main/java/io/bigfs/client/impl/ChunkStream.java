package io.bigfs.client.impl;

import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The write stream of one chunk to the head of its pipeline. Keeps the packets not yet
 * acknowledged by every replica, bounded by a window, and records the first failure with the
 * position in the chain of the node that failed.
 */
final class ChunkStream {
  /** Packets in flight: at 1 MiB each, at most this many MiB buffered per open file. */
  static final int WINDOW = 8;

  private final StreamObserver<WritePacket> requests;
  private final Deque<Packet> unacked = new ArrayDeque<>();
  private long ackedEnd;
  private Failure failure;

  /** Why the pipeline broke: {@code failedIndex} is the failed node's position in the chain, -1 if unknown. */
  record Failure(int failedIndex, String message) {}

  ChunkStream(ChannelPool channels, LocatedChunk chunk, long resumeOffset, boolean append) {
    this.ackedEnd = resumeOffset;
    var head = chunk.getLocations(0);
    requests = ChunkServiceGrpc.newStub(channels.get(head.getAddress())).writeChunk(new StreamObserver<>() {
      @Override
      public void onNext(WriteAck ack) {
        acked(ack);
      }

      @Override
      public void onError(Throwable t) {
        fail(new Failure(0, head.getAddress() + ": " + t.getMessage()));
      }

      @Override
      public void onCompleted() {
        synchronized (ChunkStream.this) {
          if (!unacked.isEmpty()) {
            fail(new Failure(-1, "pipeline closed with packets unacknowledged"));
          }
        }
      }
    });
    requests.onNext(WritePacket.newBuilder().setHeader(WriteHeader.newBuilder()
        .setChunkId(chunk.getChunkId())
        .setVersion(chunk.getVersion())
        .addAllDownstream(chunk.getLocationsList().subList(1, chunk.getLocationsCount()))
        .setResumeOffset(resumeOffset)
        .setAppend(append)
        .setToken(chunk.getAccessToken())).build());
  }

  private synchronized void acked(WriteAck ack) {
    if (ack.getStatus().getCode() != StatusCode.OK) {
      fail(new Failure(ack.getFailedIndex(), ack.getStatus().getMessage()));
      return;
    }
    while (!unacked.isEmpty() && unacked.peekFirst().seq() <= ack.getSeq()) {
      ackedEnd = unacked.pollFirst().end();
    }
    notifyAll();
  }

  private synchronized void fail(Failure f) {
    if (failure == null) {
      failure = f;
    }
    notifyAll();
  }

  /** Sends a packet once the window has room; false if the pipeline has failed. */
  boolean send(Packet packet, long timeoutMs) throws IOException {
    synchronized (this) {
      if (!awaitLocked(() -> unacked.size() < WINDOW, timeoutMs)) {
        return false;
      }
      unacked.addLast(packet);
    }
    requests.onNext(packet.toProto());
    return true;
  }

  /** Waits until every packet sent is acknowledged; false if the pipeline failed first. */
  synchronized boolean drain(long timeoutMs) throws IOException {
    return awaitLocked(unacked::isEmpty, timeoutMs);
  }

  private boolean awaitLocked(java.util.function.BooleanSupplier done, long timeoutMs) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (failure == null && !done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        failure = new Failure(-1, "no acknowledgement from the pipeline within " + timeoutMs + " ms");
        break;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while writing");
      }
    }
    return failure == null;
  }

  synchronized Failure failure() {
    return failure;
  }

  /** The chunk offset up to which every replica holds the data. */
  synchronized long ackedEnd() {
    return ackedEnd;
  }

  /** Packets sent but not acknowledged, oldest first: to be sent again after recovery. */
  synchronized Deque<Packet> unacked() {
    return new ArrayDeque<>(unacked);
  }

  void close() {
    try {
      requests.onCompleted();
    } catch (RuntimeException ignored) {
      // the stream is already broken
    }
  }

  void abort() {
    try {
      requests.onError(io.grpc.Status.CANCELLED.withDescription("writer aborted").asRuntimeException());
    } catch (RuntimeException ignored) {
      // the stream is already broken
    }
  }
}
