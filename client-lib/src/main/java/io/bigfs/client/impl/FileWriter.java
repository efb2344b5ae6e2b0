package io.bigfs.client.impl;

import io.bigfs.common.BfsException;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TransferReplicaReply;
import io.bigfs.proto.TransferReplicaRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes one file: fills 1 MiB packets, asks the master for each chunk and its pipeline when
 * there is data for it, and streams packets down the chain. When a replica fails, the master
 * gives the chunk a new version and replacement nodes, a survivor copies the acknowledged
 * prefix to each replacement, and the unacknowledged packets go again: the application never
 * hears of it.
 */
public final class FileWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FileWriter.class);
  static final int PACKET = 1 << 20;
  static final long ACK_TIMEOUT_MS = 60_000;
  static final int MAX_RECOVERIES_PER_CHUNK = 6;

  private final MasterClient master;
  private final ChannelPool channels;
  private final String path;
  private final long inodeId;
  private final long chunkSize;
  private final byte[] buffer = new byte[PACKET];
  private final List<Integer> excluded = new ArrayList<>();
  private int count;
  private int nextIndex;
  private LocatedChunk chunk;
  /** Chunk 0, already added by the create; used when the first data comes. */
  private LocatedChunk firstChunk;
  private ChunkStream stream;
  private long chunkPos;
  private long seq;
  private long written;
  private int recoveries;

  /** @param firstChunk chunk 0 as the create placed it, or null to ask the master when data comes */
  public FileWriter(MasterClient master, ChannelPool channels, String path, long inodeId, long chunkSize,
                    LocatedChunk firstChunk) {
    this.master = master;
    this.channels = channels;
    this.path = path;
    this.inodeId = inodeId;
    this.chunkSize = chunkSize;
    this.firstChunk = firstChunk;
  }

  public long position() {
    return written;
  }

  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      long chunkRoom = chunkSize - chunkPos - count;
      int n = (int) Math.min(Math.min(PACKET - count, chunkRoom), len);
      System.arraycopy(b, off, buffer, count, n);
      count += n;
      off += n;
      len -= n;
      written += n;
      boolean chunkFull = chunkPos + count == chunkSize;
      if (count == PACKET || chunkFull) {
        sendBuffer(chunkFull, false);
      }
    }
  }

  /** Makes everything written so far visible to readers (every replica has it). */
  public void hflush(boolean sync) throws IOException {
    if (count > 0 || sync && chunk != null) {
      sendBuffer(false, sync);
    }
    if (stream != null) {
      while (!stream.drain(ACK_TIMEOUT_MS)) {
        recover();
      }
    }
  }

  /** Finalizes the last chunk; returns the file's length. The caller commits it with the master. */
  public long finish() throws IOException {
    if (count > 0 || chunk != null) {
      sendBuffer(true, false);
    }
    return written;
  }

  private void sendBuffer(boolean last, boolean sync) throws IOException {
    if (chunk == null) {
      chunk = nextIndex == 0 && firstChunk != null ? firstChunk : master.addChunk(path, inodeId, nextIndex, excluded);
      nextIndex++;
      firstChunk = null;
      stream = new ChunkStream(channels, chunk, 0, false);
      recoveries = 0;
    }
    Packet packet = Packet.of(seq++, chunkPos, Arrays.copyOf(buffer, count), last, sync);
    chunkPos += count;
    count = 0;
    while (!stream.send(packet, ACK_TIMEOUT_MS)) {
      recover();
    }
    if (last) {
      while (!stream.drain(ACK_TIMEOUT_MS)) {
        recover();
      }
      stream.close();
      chunk = null;
      stream = null;
      chunkPos = 0;
    }
  }

  /**
   * Rebuilds the pipeline of the current chunk without its failed node and sends the
   * unacknowledged packets again. Returns with a working stream or throws.
   */
  private void recover() throws IOException {
    ChunkStream.Failure failure = stream.failure();
    long acked = stream.ackedEnd();
    Deque<Packet> resend = stream.unacked();
    stream.abort();
    List<NodeLocation> nodes = chunk.getLocationsList();
    int failedAt = failure.failedIndex() >= 0 && failure.failedIndex() < nodes.size() ? failure.failedIndex() : 0;
    List<Integer> failed = new ArrayList<>(List.of(nodes.get(failedAt).getNodeId()));
    while (true) {
      if (++recoveries > MAX_RECOVERIES_PER_CHUNK) {
        throw new BfsException(StatusCode.UNAVAILABLE, path + ": writing chunk " + chunk.getIndex()
            + " failed " + MAX_RECOVERIES_PER_CHUNK + " times, last: " + failure.message());
      }
      List<Integer> survivors = chunk.getLocationsList().stream().map(NodeLocation::getNodeId)
          .filter(id -> !failed.contains(id)).toList();
      if (survivors.isEmpty()) {
        throw new BfsException(StatusCode.UNAVAILABLE, path + ": every replica of chunk " + chunk.getIndex()
            + " failed, last: " + failure.message());
      }
      excluded.addAll(failed);
      LOG.info("{}: replacing failed replica(s) {} of chunk {} ({})", path, failed, chunk.getChunkId(),
          failure.message());
      LocatedChunk updated = master.updatePipeline(path, inodeId, chunk.getIndex(), chunk.getChunkId(),
          survivors, failed);
      NodeLocation source = chunk.getLocationsList().stream()
          .filter(n -> n.getNodeId() == survivors.get(0)).findFirst().orElseThrow();
      NodeLocation brokenReplacement = copyPrefix(source, updated, survivors, acked);
      chunk = updated;
      if (brokenReplacement != null) {
        failed.add(brokenReplacement.getNodeId());
        continue;
      }
      // Nothing acknowledged yet: a survivor may never have seen the header, so start the replicas
      // afresh under the new version instead of resuming them.
      stream = new ChunkStream(channels, chunk, acked, acked > 0);
      if (resendAll(resend)) {
        return;
      }
      failure = stream.failure();
      stream.abort();
      int at = failure.failedIndex() >= 0 && failure.failedIndex() < chunk.getLocationsCount()
          ? failure.failedIndex() : 0;
      failed.add(chunk.getLocations(at).getNodeId());
    }
  }

  /** Copies the acknowledged prefix to each new node; returns a node that could not take it, or null. */
  private NodeLocation copyPrefix(NodeLocation source, LocatedChunk updated, List<Integer> survivors, long acked) {
    for (NodeLocation target : updated.getLocationsList()) {
      if (survivors.contains(target.getNodeId()) || acked == 0) {
        continue;
      }
      try {
        TransferReplicaReply reply = ChunkServiceGrpc.newBlockingStub(channels.get(source.getAddress()))
            .withDeadlineAfter(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .transferReplica(TransferReplicaRequest.newBuilder()
                .setChunkId(chunk.getChunkId()).setVersion(chunk.getVersion()).setLength(acked)
                .setTarget(target).setTargetVersion(updated.getVersion()).setFinalize(false)
                .setToken(updated.getAccessToken()).build());
        if (reply.getStatus().getCode() != StatusCode.OK) {
          LOG.info("copying chunk {} to {} failed: {}", chunk.getChunkId(), target.getAddress(),
              reply.getStatus().getMessage());
          return target;
        }
      } catch (RuntimeException e) {
        LOG.info("copying chunk {} to {} failed: {}", chunk.getChunkId(), target.getAddress(), e.getMessage());
        return target;
      }
    }
    return null;
  }

  private boolean resendAll(Deque<Packet> packets) throws IOException {
    for (Packet p : packets) {
      if (!stream.send(p, ACK_TIMEOUT_MS)) {
        return false;
      }
    }
    return true;
  }

  /** Gives up on the file: the stream is dropped; the master recovers the file when the lease expires. */
  public void abort() {
    if (stream != null) {
      stream.abort();
    }
  }
}
