package io.bigfs.client.impl;

import com.google.protobuf.ByteString;
import io.bigfs.common.BfsException;
import io.bigfs.common.Checksums;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.GetReplicaReply;
import io.bigfs.proto.GetReplicaRequest;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.ReadChunkReply;
import io.bigfs.proto.ReadChunkRequest;
import io.bigfs.proto.StatusCode;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one file straight from the chunkservers. Chunk locations come from a master a window
 * at a time; each read picks the first replica not yet found bad, verifies every 64 KiB block's
 * CRC32C, and on an error, a timeout or a checksum mismatch moves on to the next replica (and
 * reports a corrupt one to the master). The caller sees an error only when no replica serves.
 * Sequential reads fetch the next windows of the file while the caller consumes this one.
 */
public final class FileReader implements RemoteFile {
  private static final Logger LOG = LoggerFactory.getLogger(FileReader.class);
  /** Chunk locations fetched per request to the master. */
  static final int LOCATION_WINDOW_CHUNKS = 64;
  /** Bytes fetched per request to a chunkserver when reading sequentially. */
  public static final int READ_WINDOW = 4 << 20;
  /**
   * Windows a sequential reader keeps in flight ahead of the one it reads. With one, the replica
   * sat idle at every window's end (the reply's last bytes, the next request, opening the files,
   * the first disk read) while nothing was sent; with more, its next window is read from disk
   * while this one is on the wire.
   */
  static final int READ_AHEAD_WINDOWS = 3;
  static final long READ_TIMEOUT_MS = 60_000;

  private final MasterClient master;
  private final ChannelPool channels;
  private final String path;
  private final long chunkSize;
  private long length;
  /** The file as the first location request saw it, and whether a later one saw another. */
  private FileStatus firstSeen;
  private boolean sawAnotherVersion;
  private final List<LocatedChunk> located = new ArrayList<>();
  /** The last window read, so that sequential small reads do not each ask a chunkserver. */
  private Window cached;
  private long cachedChunk;
  /** The next windows of the file, fetched ahead of a sequential reader, in order (across chunks). */
  private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
  /** Windows in a row taken from the read-ahead: the read-ahead deepens as a reader keeps on. */
  private int aheadStreak;
  /** The replica that served the last window: the one to fetch ahead from. */
  private NodeLocation lastServed;

  /** A window fetched ahead from {@code node}: [offset, offset + length) of one chunk at one version. */
  private record Ahead(LocatedChunk chunk, NodeLocation node, long offset, int length, WindowCollector read) {
    long end() {
      return offset + length;
    }

    boolean covers(LocatedChunk chunk, long at) {
      return this.chunk.getChunkId() == chunk.getChunkId() && this.chunk.getVersion() == chunk.getVersion()
          && at >= offset && at < end();
    }
  }

  public FileReader(MasterClient master, ChannelPool channels, String path, long chunkSize) throws IOException {
    this(master, channels, path, chunkSize, master.locations(path, 0, LOCATION_WINDOW_CHUNKS * chunkSize));
  }

  /**
   * @param first the master's answer to a locations request from offset 0 that the caller has
   *              just made (opening a file asks anyway): reading a small file then costs one
   *              request to a master, not two
   */
  public FileReader(MasterClient master, ChannelPool channels, String path, long chunkSize, QueryReply first) {
    this.master = master;
    this.channels = channels;
    this.path = path;
    this.chunkSize = chunkSize;
    adopt(first);
  }

  /** Bytes readable now: completed chunks, plus what the last chunk's replicas hold while it is written. */
  @Override
  public long length() {
    return length;
  }

  @Override
  public FileStatus onlyVersionSeen() {
    return sawAnotherVersion ? null : firstSeen;
  }

  /** Stops the reads ahead; channels belong to the client. */
  @Override
  public void close() {
    dropAhead();
  }

  /** Re-reads locations (and the length of a file still being written) starting at {@code offset}. */
  private void refresh(long offset) throws IOException {
    adopt(master.locations(path, offset, LOCATION_WINDOW_CHUNKS * chunkSize));
  }

  /** Takes the chunks and the length a locations reply gives. */
  private void adopt(QueryReply reply) {
    located.clear();
    located.addAll(reply.getChunksList());
    length = reply.getFile().getLength();
    noteVersion(reply.getFile());
    if (!located.isEmpty()) {
      LocatedChunk last = located.get(located.size() - 1);
      if (!last.getComplete()) {
        length = last.getOffset() + visibleLength(last);
      } else if (last.getOffset() + last.getLength() > length) {
        length = last.getOffset() + last.getLength();
      }
    }
  }

  private void noteVersion(FileStatus file) {
    if (firstSeen == null) {
      firstSeen = file;
    } else if (file.getInodeId() != firstSeen.getInodeId() || file.getMtimeMs() != firstSeen.getMtimeMs()
        || file.getLength() != firstSeen.getLength()) {
      sawAnotherVersion = true;
    }
  }

  /** What the replicas of a chunk still being written hold: the most any live replica reports. */
  private long visibleLength(LocatedChunk chunk) {
    long best = 0;
    for (NodeLocation node : chunk.getLocationsList()) {
      try {
        GetReplicaReply r = ChunkServiceGrpc.newBlockingStub(channels.get(node.getAddress()))
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .getReplica(GetReplicaRequest.newBuilder().setChunkId(chunk.getChunkId())
                .setToken(chunk.getAccessToken()).build());
        if (r.getStatus().getCode() == StatusCode.OK && r.getVersion() >= chunk.getVersion()) {
          best = Math.max(best, r.getLength());
        }
      } catch (RuntimeException e) {
        LOG.debug("{}: {} did not say how much of chunk {} it holds: {}", path, node.getAddress(),
            chunk.getChunkId(), e.getMessage());
      }
    }
    return best;
  }

  private LocatedChunk chunkAt(long position) throws IOException {
    for (int attempt = 0; attempt < 2; attempt++) {
      for (LocatedChunk c : located) {
        if (position >= c.getOffset() && position < c.getOffset() + chunkSize) {
          return c;
        }
      }
      refresh(position - position % chunkSize);
    }
    throw new BfsException(StatusCode.INTERNAL, path + ": no chunk holds offset " + position);
  }

  /**
   * Reads up to {@code len} bytes at file {@code position} into {@code dst}, at most to the end of
   * one chunk and one read window; returns the count, or -1 at the end of the file.
   */
  @Override
  public int read(long position, byte[] dst, int off, int len, boolean sequential) throws IOException {
    if (position >= length) {
      return -1;
    }
    LocatedChunk chunk = chunkAt(position);
    long inChunk = position - chunk.getOffset();
    long chunkEnd = Math.min(chunkSize, length - chunk.getOffset());
    int want = (int) Math.min(len, chunkEnd - inChunk);
    int fetch = sequential ? (int) Math.min(Math.max(want, READ_WINDOW), chunkEnd - inChunk) : want;
    Window w = fetch(chunk, inChunk, fetch);
    int n = (int) Math.min(want, w.end() - inChunk);
    if (n <= 0) {
      throw new BfsException(StatusCode.UNAVAILABLE, path + ": replicas of chunk " + chunk.getIndex()
          + " hold less than the file's length");
    }
    w.data().copyTo(dst, (int) (inChunk - w.offset()), off, n);
    if (sequential && w != cached && lastServed != null) {
      fetchAhead(chunk, w.end());
    }
    cached = w;
    cachedChunk = chunk.getChunkId();
    return n;
  }

  /**
   * A verified piece of a chunk held in memory: [offset, offset + data.size()). The replies'
   * own bytes, joined without a copy: the caller's read is their only copy.
   */
  record Window(long offset, ByteString data) {
    long end() {
      return offset + data.size();
    }
  }

  private Window fetch(LocatedChunk chunk, long offset, int length) throws IOException {
    if (cached != null && cachedChunk == chunk.getChunkId() && offset >= cached.offset()
        && offset + Math.min(length, 1) <= cached.end()) {
      return cached;
    }
    Window early = takeAhead(chunk, offset);
    if (early != null) {
      return early;
    }
    Set<Integer> bad = new HashSet<>();
    String lastError = "no replica is known";
    boolean refused = false;
    for (int round = 0; round < 2; round++) {
      refused = false;
      for (NodeLocation node : LocalFirst.order(chunk.getLocationsList())) {
        if (bad.contains(node.getNodeId())) {
          continue;
        }
        try {
          Window w = readFrom(node, chunk, offset, length);
          lastServed = node;
          return w;
        } catch (TokenRefused e) {
          // The chunk token expired (a long read outlives it): the master's fresh locations carry a new one.
          lastError = e.getMessage();
          refused = true;
          break;
        } catch (CorruptReplica e) {
          lastError = e.getMessage();
          bad.add(node.getNodeId());
          report(chunk, node, e.getMessage());
        } catch (IOException | RuntimeException e) {
          lastError = node.getAddress() + ": " + e.getMessage();
          bad.add(node.getNodeId());
          LOG.info("{}: reading chunk {} from {} failed, trying another replica: {}", path, chunk.getChunkId(),
              node.getAddress(), e.getMessage());
        }
      }
      // The replicas may have moved: ask the master once more.
      refresh(chunk.getOffset());
      chunk = chunkAt(chunk.getOffset() + offset);
    }
    throw new BfsException(refused ? StatusCode.PERMISSION_DENIED : StatusCode.UNAVAILABLE, path
        + ": no replica of chunk " + chunk.getIndex() + " could be read (last error: " + lastError + ")");
  }

  /**
   * Fills the read-ahead up to its depth, after what it holds or else from {@code from} of
   * {@code chunk}: on in this chunk from the replica that served it, then into the next
   * complete chunk whose locations are known, from the replica a fetch would try first (so a
   * reader does not stall at every chunk's start).
   */
  private void fetchAhead(LocatedChunk chunk, long from) {
    int depth = Math.min(READ_AHEAD_WINDOWS, aheadStreak + 1);
    Ahead last = ahead.peekLast();
    LocatedChunk c = last != null ? last.chunk() : chunk;
    NodeLocation node = last != null ? last.node() : lastServed;
    long next = last != null ? last.end() : from;
    while (ahead.size() < depth) {
      long end = Math.min(chunkSize, length - c.getOffset());
      if (next >= end) {
        c = locatedAfter(c);
        if (c == null || !c.getComplete() || c.getLocationsCount() == 0) {
          return;
        }
        node = LocalFirst.order(c.getLocationsList()).get(0);
        next = 0;
        continue;
      }
      int n = (int) Math.min(READ_WINDOW, end - next);
      ahead.addLast(new Ahead(c, node, next, n, readAsync(node, c, next, n)));
      next += n;
    }
  }

  /** The chunk after {@code chunk}, if the locations at hand include it. */
  private LocatedChunk locatedAfter(LocatedChunk chunk) {
    for (LocatedChunk c : located) {
      if (c.getOffset() == chunk.getOffset() + chunkSize) {
        return c;
      }
    }
    return null;
  }

  /**
   * The first window fetched ahead, if it holds {@code offset} of {@code chunk} and arrived
   * whole. Otherwise (a seek, or a failed read) every window ahead is dropped, and whatever went
   * wrong is left to the ordinary fetch, which tries every replica.
   */
  private Window takeAhead(LocatedChunk chunk, long offset) {
    Ahead a = ahead.peekFirst();
    Window w = a != null && a.covers(chunk, offset) ? arrived(a) : null;
    if (w == null || offset >= w.end()) {
      dropAhead();  // this one too: after a seek it would stream on unread
      return null;
    }
    ahead.removeFirst();
    aheadStreak++;
    lastServed = a.node();
    return w;
  }

  /** Cancels the reads ahead (a seek, an error or the end): the replicas stop sending them. */
  private void dropAhead() {
    ahead.forEach(a -> a.read().cancel());
    ahead.clear();
    aheadStreak = 0;
  }

  private static Window arrived(Ahead a) {
    try {
      return a.read().result.get(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  private Window readFrom(NodeLocation node, LocatedChunk chunk, long offset, int length) throws IOException {
    try {
      return readAsync(node, chunk, offset, length).result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted reading chunk " + chunk.getChunkId());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Reads [offset, offset + length) of a chunk from one replica; its result fails as the read would. */
  private WindowCollector readAsync(NodeLocation node, LocatedChunk chunk, long offset, int length) {
    WindowCollector collector = new WindowCollector(node, chunk, offset, length);
    ChunkServiceGrpc.newStub(channels.get(node.getAddress()))
        .withDeadlineAfter(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .readChunk(ReadChunkRequest.newBuilder().setChunkId(chunk.getChunkId()).setVersion(chunk.getVersion())
            .setOffset(offset).setLength(length).setToken(chunk.getAccessToken()).build(), collector);
    return collector;
  }

  /** Gathers one read's replies into a window, checking every block's CRC as it arrives. */
  private static final class WindowCollector implements ClientResponseObserver<ReadChunkRequest, ReadChunkReply> {
    final CompletableFuture<Window> result = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<ReadChunkRequest> call;
    private final NodeLocation node;
    private final LocatedChunk chunk;
    private final long offset;
    private final int length;
    private long start = -1;
    private ByteString data = ByteString.EMPTY;

    WindowCollector(NodeLocation node, LocatedChunk chunk, long offset, int length) {
      this.node = node;
      this.chunk = chunk;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ReadChunkRequest> requestStream) {
      call = requestStream;
    }

    /** Stops the read if it is still going; its result fails if it had not arrived. */
    void cancel() {
      if (!result.isDone() && call != null) {
        call.cancel("no longer wanted", null);
      }
    }

    @Override
    public void onNext(ReadChunkReply r) {
      if (result.isDone()) {
        return;
      }
      try {
        if (r.getStatus().getCode() != StatusCode.OK) {
          if (r.getStatus().getCode() == StatusCode.CORRUPT) {
            throw new CorruptReplica(node.getAddress() + ": " + r.getStatus().getMessage());
          }
          if (r.getStatus().getCode() == StatusCode.PERMISSION_DENIED) {
            throw new TokenRefused(node.getAddress() + ": " + r.getStatus().getMessage());
          }
          throw new IOException(r.getStatus().getMessage());
        }
        verify(node, chunk, r);
        if (start < 0) {
          start = r.getOffset();
        }
        int room = (int) (offset + length - start) - data.size();
        data = data.concat(r.getData().size() > room ? r.getData().substring(0, Math.max(0, room)) : r.getData());
      } catch (IOException e) {
        result.completeExceptionally(e);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      result.complete(new Window(start < 0 ? offset : start, data));
    }
  }

  private static void verify(NodeLocation node, LocatedChunk chunk, ReadChunkReply r) throws CorruptReplica {
    ByteString data = r.getData();
    int pos = 0;
    for (int i = 0; i < r.getChecksumsCount() && pos < data.size(); i++) {
      int n = Math.min(Checksums.BLOCK, data.size() - pos);
      if (Checksums.crc(data.substring(pos, pos + n)) != r.getChecksums(i)) {
        throw new CorruptReplica(node.getAddress() + ": checksum mismatch in chunk " + chunk.getChunkId()
            + " at offset " + (r.getOffset() + pos));
      }
      pos += n;
    }
    if (pos != data.size()) {
      throw new CorruptReplica(node.getAddress() + ": " + (data.size() - pos) + " bytes without checksum");
    }
  }

  private void report(LocatedChunk chunk, NodeLocation node, String why) {
    LOG.warn("{}: corrupt replica of chunk {} on {}: {}", path, chunk.getChunkId(), node.getAddress(), why);
    try {
      master.reportBadReplica(chunk.getChunkId(), node.getNodeId(), why);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not report the corrupt replica: {}", e.getMessage());
    }
  }

  /** A replica whose data does not match its checksums. */
  static final class CorruptReplica extends IOException {
    CorruptReplica(String message) {
      super(message);
    }
  }

  /** A chunkserver refused the chunk token (token mode): missing, expired, or not for this chunk. */
  static final class TokenRefused extends IOException {
    TokenRefused(String message) {
      super(message);
    }
  }
}
