package io.bigfs.chunkserver.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.bigfs.chunkserver.scrub.Scrubber;
import io.bigfs.chunkserver.storage.ChunkStore;
import io.bigfs.chunkserver.storage.ReplicaReader;
import io.bigfs.common.BfsException;
import io.bigfs.common.Checksums;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TransferReplicaRequest;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a prefix of a local replica to another node through that node's write endpoint, as a
 * one-node pipeline. The stored checksums are verified on the way out, so a corrupt replica is
 * never copied: the copy stops, and the replica is reported corrupt so that the leader takes it
 * out of service rather than pick it as the source of every next copy.
 */
final class ReplicaTransfer {
  private static final long TIMEOUT_S = 120;

  private final ChunkStore store;
  private final ChannelPool peers;
  private final Scrubber.Reporter corrupt;

  ReplicaTransfer(ChunkStore store, ChannelPool peers, Scrubber.Reporter corrupt) {
    this.store = store;
    this.peers = peers;
    this.corrupt = corrupt;
  }

  /** Returns the bytes copied. */
  long copy(TransferReplicaRequest request) throws IOException {
    if (request.getLength() < 0 || request.getTargetVersion() <= 0) {
      throw BfsException.invalid("bad transfer length or version");
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong lastAcked = new AtomicLong(-1);
    StreamObserver<WritePacket> target = ChunkServiceGrpc.newStub(peers.get(request.getTarget().getAddress()))
        .withDeadlineAfter(TIMEOUT_S, TimeUnit.SECONDS)
        .writeChunk(new StreamObserver<>() {
          @Override
          public void onNext(WriteAck ack) {
            if (ack.getStatus().getCode() != StatusCode.OK) {
              done.completeExceptionally(new BfsException(ack.getStatus().getCode(),
                  request.getTarget().getAddress() + ": " + ack.getStatus().getMessage()));
            } else {
              lastAcked.set(ack.getSeq());
            }
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            done.complete(null);
          }
        });
    target.onNext(WritePacket.newBuilder().setHeader(WriteHeader.newBuilder()
        .setChunkId(request.getChunkId()).setVersion(request.getTargetVersion())).build());
    long[] seq = {0};
    long limit = request.getLength();
    try {
      ReplicaReader.read(store, request.getChunkId(), request.getVersion(), 0, limit,
          (offset, data, crcs, replicaLength) -> {
            verify(request.getChunkId(), offset, data, crcs);
            int n = (int) Math.max(0, Math.min(data.remaining(), limit - offset));
            ByteBuffer piece = data.slice(0, n);
            ByteString bytes = UnsafeByteOperations.unsafeWrap(piece);
            int[] sums = Checksums.pieceCrcs(piece, offset);
            WritePacket.Builder p = WritePacket.newBuilder().setSeq(seq[0]++).setOffset(offset).setData(bytes);
            for (int c : sums) {
              p.addChecksums(c);
            }
            target.onNext(p.build());
          });
      if (request.getFinalize()) {
        target.onNext(WritePacket.newBuilder().setSeq(seq[0]++).setOffset(limit).setLast(true).build());
      }
      target.onCompleted();
      done.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (IOException e) {
      target.onError(io.grpc.Status.CANCELLED.withDescription(e.getMessage()).asRuntimeException());
      if (e instanceof BfsException b && b.code() == StatusCode.CORRUPT) {
        corrupt.corrupt(request.getChunkId(), "copy: " + e.getMessage());
      }
      throw e;
    } catch (Exception e) {
      throw new BfsException(StatusCode.UNAVAILABLE, "copy to " + request.getTarget().getAddress() + " failed: "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    }
    if (lastAcked.get() != seq[0] - 1) {
      throw new BfsException(StatusCode.UNAVAILABLE, "copy to " + request.getTarget().getAddress()
          + " was not fully acknowledged");
    }
    return limit;
  }

  /** Checks a piece read from disk against its stored CRCs before sending it anywhere. */
  private static void verify(long chunkId, long offset, ByteBuffer data, int[] crcs) throws BfsException {
    int pos = 0;
    for (int crc : crcs) {
      int n = Math.min(Checksums.BLOCK, data.remaining() - pos);
      if (Checksums.crc(data.slice(pos, n)) != crc) {
        throw new BfsException(StatusCode.CORRUPT, "chunk " + chunkId + " is corrupt at offset " + (offset + pos));
      }
      pos += n;
    }
  }
}
