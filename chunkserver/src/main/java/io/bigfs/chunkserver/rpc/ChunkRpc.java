package io.bigfs.chunkserver.rpc;

import com.google.protobuf.UnsafeByteOperations;
import io.bigfs.chunkserver.scrub.Scrubber;
import io.bigfs.chunkserver.storage.ChunkStore;
import io.bigfs.chunkserver.storage.Replica;
import io.bigfs.chunkserver.storage.ReplicaReader;
import io.bigfs.chunkserver.storage.ReplicaWriter;
import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.common.rpc.Replies;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.GetReplicaReply;
import io.bigfs.proto.GetReplicaRequest;
import io.bigfs.proto.ReadChunkReply;
import io.bigfs.proto.ReadChunkRequest;
import io.bigfs.proto.RecoverReplicaReply;
import io.bigfs.proto.RecoverReplicaRequest;
import io.bigfs.proto.Status;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TokenKind;
import io.bigfs.proto.TransferReplicaReply;
import io.bigfs.proto.TransferReplicaRequest;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WritePacket;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data endpoint of a chunkserver. Chunk ids and versions are numbers; no request ever
 * names a file, so nothing a client sends can reach outside the data directories.
 */
public final class ChunkRpc extends ChunkServiceGrpc.ChunkServiceImplBase {
  /**
   * Methods run on the transport thread that read the request (see RpcServer): a read's handler
   * checks the token and hands the read to a reader thread, so it never waits.
   */
  public static final Set<String> INLINE_METHODS = Set.of(ChunkServiceGrpc.getReadChunkMethod().getFullMethodName());

  private final ChunkStore store;
  private final ChannelPool peers;
  private final DataMetrics metrics;
  private final ChunkAccess access;
  private final AtomicInteger activeTransfers = new AtomicInteger();
  private volatile Scrubber.Reporter corrupt = (chunkId, reason) -> { };
  private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "chunk-reader");
    t.setDaemon(true);
    return t;
  });

  public ChunkRpc(ChunkStore store, ChannelPool peers, DataMetrics metrics) {
    this(store, peers, metrics, ChunkAccess.open());
  }

  /** @param access the token check of token mode ({@link ChunkAccess#open()} in simple mode) */
  public ChunkRpc(ChunkStore store, ChannelPool peers, DataMetrics metrics, ChunkAccess access) {
    this.store = store;
    this.peers = peers;
    this.metrics = metrics;
    this.access = access;
  }

  /** Where replicas found corrupt while being copied are reported (the masters, once the node can reach them). */
  public void reportCorruptTo(Scrubber.Reporter reporter) {
    this.corrupt = reporter;
  }

  /** Streams in flight (writes, reads, copies), reported as the node's load. */
  public int activeTransfers() {
    return activeTransfers.get();
  }

  @Override
  public StreamObserver<WritePacket> writeChunk(StreamObserver<WriteAck> upstream) {
    return new PipelineStage(store, peers, access, upstream, activeTransfers, metrics);
  }

  /**
   * Reads are served from a thread of their own: waiting for the transport to be ready must not
   * block the call's own executor, which is the one that delivers the readiness callback.
   */
  @Override
  public void readChunk(ReadChunkRequest request, StreamObserver<ReadChunkReply> out) {
    try {
      access.check(request.getToken(), request.getChunkId(), TokenKind.TOKEN_CHUNK_READ);
    } catch (BfsException e) {
      metrics.request(DataMetrics.Op.READ, e.code().name());
      Replies.send(out, ReadChunkReply.newBuilder().setStatus(Statuses.of(e)).build());
      return;
    }
    ServerCallStreamObserver<ReadChunkReply> call = (ServerCallStreamObserver<ReadChunkReply>) out;
    FlowControl flow = new FlowControl(call);
    activeTransfers.incrementAndGet();
    readers.execute(() -> serveRead(request, call, flow));
  }

  private void serveRead(ReadChunkRequest request, ServerCallStreamObserver<ReadChunkReply> out, FlowControl flow) {
    long start = System.nanoTime();
    ServerCallStreamObserver<ReadChunkReply> call = out;
    long[] sent = {0};
    try {
      ReplicaReader.read(store, request.getChunkId(), request.getVersion(), request.getOffset(), request.getLength(),
          (offset, data, crcs, replicaLength) -> {
            flow.awaitReady();
            ReadChunkReply.Builder reply = ReadChunkReply.newBuilder().setStatus(Statuses.ok())
                .setOffset(offset).setData(UnsafeByteOperations.unsafeWrap(data)).setReplicaLength(replicaLength);
            for (int c : crcs) {
              reply.addChecksums(c);
            }
            sent[0] += data.remaining();
            out.onNext(reply.build());
          });
      out.onCompleted();
      metrics.read(sent[0], System.nanoTime() - start);
      metrics.request(DataMetrics.Op.READ, StatusCode.OK.name());
    } catch (IOException | RuntimeException e) {
      if (call.isCancelled()) {
        metrics.request(DataMetrics.Op.READ, DataMetrics.CANCELLED);
      } else {
        Status status = status(e);
        metrics.request(DataMetrics.Op.READ, status.getCode().name());
        out.onNext(ReadChunkReply.newBuilder().setStatus(status).build());
        out.onCompleted();
      }
    } finally {
      activeTransfers.decrementAndGet();
    }
  }

  @Override
  public void getReplica(GetReplicaRequest request, StreamObserver<GetReplicaReply> out) {
    try {
      access.check(request.getToken(), request.getChunkId(), TokenKind.TOKEN_CHUNK_READ);
    } catch (BfsException e) {
      Replies.send(out, GetReplicaReply.newBuilder().setStatus(Statuses.of(e)).build());
      return;
    }
    Replica r = store.get(request.getChunkId());
    if (r == null) {
      Replies.send(out, GetReplicaReply.newBuilder().setStatus(Statuses.of(StatusCode.NOT_FOUND,
          "chunk " + request.getChunkId() + " is not on this node")).build());
      return;
    }
    ReplicaWriter writer = r.finalized() ? null : store.writer(r.chunkId());
    long length = writer != null ? writer.length() : r.length();
    Replies.send(out, GetReplicaReply.newBuilder().setStatus(Statuses.ok()).setVersion(r.version())
        .setLength(length).setFinalized(r.finalized()).build());
  }

  @Override
  public void recoverReplica(RecoverReplicaRequest request, StreamObserver<RecoverReplicaReply> out) {
    try {
      access.checkService("recover chunk " + Long.toUnsignedString(request.getChunkId()));
      Replica r = store.recover(request.getChunkId(), request.getOldVersion(), request.getNewVersion(),
          request.getLength(), request.getFinalize());
      Replies.send(out, RecoverReplicaReply.newBuilder().setStatus(Statuses.ok()).setLength(r.length()).build());
    } catch (IOException | RuntimeException e) {
      Replies.send(out, RecoverReplicaReply.newBuilder().setStatus(status(e)).build());
    }
  }

  @Override
  public void transferReplica(TransferReplicaRequest request, StreamObserver<TransferReplicaReply> out) {
    activeTransfers.incrementAndGet();
    try {
      access.check(request.getToken(), request.getChunkId(), TokenKind.TOKEN_CHUNK_WRITE);
      long bytes = new ReplicaTransfer(store, peers, corrupt).copy(request);
      metrics.transferred(bytes);
      metrics.request(DataMetrics.Op.TRANSFER, StatusCode.OK.name());
      Replies.send(out, TransferReplicaReply.newBuilder().setStatus(Statuses.ok()).build());
    } catch (IOException | RuntimeException e) {
      Status status = status(e);
      metrics.request(DataMetrics.Op.TRANSFER, status.getCode().name());
      Replies.send(out, TransferReplicaReply.newBuilder().setStatus(status).build());
    } finally {
      activeTransfers.decrementAndGet();
    }
  }

  static Status status(Exception e) {
    if (e instanceof BfsException b) {
      return Statuses.of(b);
    }
    return Statuses.of(StatusCode.INTERNAL, e.getMessage() == null ? e.toString() : e.getMessage());
  }
}
