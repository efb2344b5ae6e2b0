package io.bigfs.master.raft;

import io.bigfs.common.security.SecurityConfig;
import io.bigfs.common.security.TlsFiles;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.MasterPeer;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.grpc.RaftServerProtocolServiceGrpc;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.io.grpc.Metadata;
import org.apache.ratis.thirdparty.io.grpc.ServerCall;
import org.apache.ratis.thirdparty.io.grpc.ServerCallExecutorSupplier;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This master's Raft peer: one Ratis server in the group of the three masters. Requests are
 * handed to the server in-process (no loopback hop); Ratis forwards nothing, so a follower
 * answers writes with NotLeaderException and the RPC layer redirects the client.
 */
public final class MasterRaft implements AutoCloseable {
  /** Creation gap of one entry: a requested snapshot is taken if anything was applied since the last. */
  private static final long FORCE_SNAPSHOT_GAP = 1;
  /** How long Ratis keeps a reply for a resent call; none is ever resent (see {@link #properties}). */
  private static final long RATIS_RETRY_CACHE_MS = 5_000;
  private static final String APPEND_ENTRIES = RaftServerProtocolServiceGrpc.getAppendEntriesMethod().getFullMethodName();
  private final MasterConfig config;
  private final RaftGroup group;
  private final RaftPeerId selfId;
  private final RaftServer server;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  /**
   * Ratis' server calls other than appendEntries (votes, snapshots, ReadIndex), which may wait
   * on disk or locks. A follower's appendEntries runs on the transport thread that read it: it
   * only queues the entries for the log worker, and the hop to gRPC's executor was one more
   * thread wake-up per Raft round on every follower (see bench/NOTES.md).
   */
  private final ExecutorService raftHandlers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "raft-rpc-handler");
    t.setDaemon(true);
    return t;
  });

  public MasterRaft(MasterConfig config, MasterStateMachine stateMachine) throws IOException {
    this.config = config;
    this.selfId = RaftPeerId.valueOf(config.id());
    List<RaftPeer> peers = config.peers().stream()
        .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress()).build())
        .toList();
    this.group = RaftGroup.valueOf(groupId(config.clusterName()), peers);
    this.server = RaftServer.newBuilder()
        .setServerId(selfId)
        .setGroup(group)
        .setProperties(properties(config))
        .setParameters(parameters(config.security()))
        .setStateMachine(stateMachine)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
  }

  /** The group id is derived from the cluster name, so every master computes the same one. */
  static RaftGroupId groupId(String clusterName) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("bigfs:" + clusterName).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Ratis dials its peers over a gRPC transport of its own (shaded), so TLS is handed to it here
   * rather than through our channels. With TLS on, Raft always demands the peers' certificates
   * (mutual TLS): whoever reaches the Raft port could otherwise append to the log.
   */
  private Parameters parameters(SecurityConfig security) {
    Parameters parameters = new Parameters();
    TlsFiles tls = security.tls();
    if (tls != null) {
      GrpcConfigKeys.TLS.setConf(parameters,
          new GrpcTlsConfig(tls.key().toFile(), tls.cert().toFile(), tls.ca().toFile(), true));
    }
    GrpcConfigKeys.Server.setServicesCustomizer(parameters, (builder, types) -> builder.directExecutor()
        .callExecutor(new ServerCallExecutorSupplier() {
          @Override
          public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
            return call.getMethodDescriptor().getFullMethodName().equals(APPEND_ENTRIES) ? null : raftHandlers;
          }
        }));
    return parameters;
  }

  private static RaftProperties properties(MasterConfig c) {
    RaftProperties p = new RaftProperties();
    MasterPeer self = c.self();
    GrpcConfigKeys.Server.setHost(p, self.host());
    GrpcConfigKeys.Server.setPort(p, self.raftPort());
    RaftServerConfigKeys.setStorageDir(p, List.of(c.dataDir().resolve("raft").toFile()));
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(c.electionTimeoutMinMs(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(c.electionTimeoutMaxMs(), TimeUnit.MILLISECONDS));
    // Reads: ReadIndex, with the leader lease sparing the heartbeat round while it holds.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
    // The leader sends a new entry to followers at once: Ratis' default pause between two
    // appendEntries calls (a millisecond) is a millisecond on every metadata operation.
    RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, c.snapshotThreshold());
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, c.purgeGap()));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(c.segmentSizeBytes()));
    // Ratis keeps log entries on the heap (the open segment and some closed ones). Entries are
    // already applied to RocksDB, so keep few: the heap must not grow with the namespace.
    RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
    RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(c.segmentSizeBytes() * 3));
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
    // Ratis keeps every reply on the heap for the retry cache's expiry (60 s by default: tens of
    // megabytes per master at a thousand operations a second) to answer a client that resends a
    // call. Masters submit each entry once, under a call id of its own, so nothing ever resends;
    // clients' retries are made exactly-once by the namespace's own retry records in RocksDB.
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, TimeDuration.valueOf(RATIS_RETRY_CACHE_MS, TimeUnit.MILLISECONDS));
    // A new leader must not wait long for a partitioned one to step down.
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p,
        TimeDuration.valueOf(c.electionTimeoutMaxMs() * 2, TimeUnit.MILLISECONDS));
    return p;
  }

  public void start() throws IOException {
    server.start();
  }

  private RaftServer.Division division() throws IOException {
    return server.getDivision(group.getGroupId());
  }

  public boolean isLeader() {
    try {
      return division().getInfo().isLeader();
    } catch (IOException e) {
      return false;
    }
  }

  public boolean isLeaderReady() {
    try {
      return division().getInfo().isLeaderReady();
    } catch (IOException e) {
      return false;
    }
  }

  /** The id of the master this one believes leads, if any. */
  public Optional<String> leaderId() {
    try {
      RaftPeerId leader = division().getInfo().getLeaderId();
      return Optional.ofNullable(leader).map(RaftPeerId::toString);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Role, term and indexes for admin commands and metrics. */
  public RaftStatus status() {
    try {
      var info = division().getInfo();
      return new RaftStatus(info.getCurrentRole().name(), info.getCurrentTerm(),
          division().getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(),
          leaderId().orElse(""));
    } catch (IOException e) {
      return new RaftStatus("UNKNOWN", 0, -1, -1, "");
    }
  }

  /** Proposes a log entry. */
  public CompletableFuture<RaftClientReply> write(ByteString entry) {
    return submit(entry, RaftClientRequest.writeRequestType());
  }

  /**
   * A read, never appended to the log: linearizable (after a ReadIndex check) unless
   * master.read.linearizable is false, when the leader answers from its state at once.
   */
  public CompletableFuture<RaftClientReply> read(ByteString query) {
    return submit(query, RaftClientRequest.readRequestType(!config.linearizableReads()));
  }

  private CompletableFuture<RaftClientReply> submit(ByteString content, RaftClientRequest.Type type) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(selfId)
        .setGroupId(group.getGroupId())
        .setCallId(callIds.incrementAndGet())
        .setMessage(Message.valueOf(content))
        .setType(type)
        .build();
    try {
      return clientProtocol().submitClientRequestAsync(request);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Where requests go in: the group's division itself when it takes client requests (Ratis'
   * implementation does), else the server. The server hands each request to a thread of its
   * own and waits for that thread to have queued it: two thread switches per request, which
   * on a loaded master cost more CPU than the read they carry (measured: a fifth of the leader's
   * CPU per stat). Called in-process, the request is queued by the calling thread
   * (for writes, the one that brought the mutation or completed the entry before it, see
   * Proposer; a read under the leader lease is answered on it).
   */
  private RaftClientAsynchronousProtocol clientProtocol() throws IOException {
    return division() instanceof RaftClientAsynchronousProtocol direct ? direct : server;
  }

  /**
   * Takes a snapshot now and purges the log behind it; returns the snapshot's index. The creation
   * gap of 1 forces it: with Ratis' default (0: the configured gap, 1024 entries) a request made
   * less than 1024 entries after the last snapshot silently takes none and answers success.
   */
  public long takeSnapshot(long timeoutMs) throws IOException {
    RaftClientReply reply = server.snapshotManagement(SnapshotManagementRequest.newCreate(
        clientId, selfId, group.getGroupId(), callIds.incrementAndGet(), timeoutMs, FORCE_SNAPSHOT_GAP));
    if (!reply.isSuccess()) {
      throw new IOException("snapshot failed: " + reply.getException());
    }
    return reply.getLogIndex();
  }

  public MasterConfig config() {
    return config;
  }

  @Override
  public void close() throws IOException {
    server.close();
    raftHandlers.shutdownNow();
  }

  /** A master's view of the Raft group. */
  public record RaftStatus(String role, long term, long commitIndex, long appliedIndex, String leaderId) {}
}
