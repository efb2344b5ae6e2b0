package io.bigfs.master.node;

import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.namespace.Queries;
import io.bigfs.master.namespace.RegisteredNode;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.View;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.SetNodeStateOp;
import io.bigfs.proto.store.ChunkRecord;
import io.bigfs.proto.store.NodeAdminState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The leader's watch over replication. Each round looks at every complete chunk: chunks with
 * fewer good replicas than their file wants are copied, fewest replicas first; extra replicas
 * are deleted; replicas on decommissioned nodes go once their chunk is whole elsewhere; and a
 * node being decommissioned is retired once no chunk needs it. A new leader first waits until
 * every live node has reported to it, so that it neither copies what exists nor deletes twice
 * what its predecessor already deleted.
 */
public final class ReplicationMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);
  private static final int MAX_BACKLOG = 100_000;

  private final Supplier<Namespace> namespace;
  private final ReplicaMap replicas;
  private final NodeTable nodes;
  private final NodeAdmin admin;
  private final PendingDeletes deletes;
  private final CorruptReplicas corrupt;
  private final ReplicaCopier copier;
  private final Rebalancer rebalancer;
  private final BooleanSupplier isLeaderReady;
  private final Function<MasterCommand, CompletableFuture<MutateReply>> propose;
  private final LongSupplier clock;
  private final long settleMs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "replication-monitor");
    t.setDaemon(true);
    return t;
  });
  private long leaderSinceMs;
  private volatile Stats stats = new Stats(0, 0, 0);
  /**
   * Chunks the last round could not copy for want of free streams, most endangered first. A
   * finished copy frees a stream, and the next of these starts then rather than a round later:
   * where one node is the only possible target, a round's worth of streams would otherwise
   * limit repairs to a few chunks per round, whatever their size. Touched on the timer thread only.
   */
  private List<Need> backlog = List.of();
  /** Chunks whose copy failed since the last round: retried by the next round, not at once. */
  private final Set<Long> failedSinceRound = new HashSet<>();

  /** What the last round found. */
  record Stats(long underReplicated, long overReplicated, long missing) {}

  /**
   * @param settleMs how long a new leader waits (and for live nodes' reports) before acting
   */
  public ReplicationMonitor(Supplier<Namespace> namespace, ReplicaMap replicas, NodeTable nodes, NodeAdmin admin,
                            PendingDeletes deletes, CorruptReplicas corrupt, ReplicaCopier copier,
                            Rebalancer rebalancer, BooleanSupplier isLeaderReady,
                            Function<MasterCommand, CompletableFuture<MutateReply>> propose, LongSupplier clock,
                            long settleMs, long periodMs, MeterRegistry metrics) {
    this.namespace = namespace;
    this.replicas = replicas;
    this.nodes = nodes;
    this.admin = admin;
    this.deletes = deletes;
    this.corrupt = corrupt;
    this.copier = copier;
    this.rebalancer = rebalancer;
    this.isLeaderReady = isLeaderReady;
    this.propose = propose;
    this.clock = clock;
    this.settleMs = settleMs;
    Gauge.builder("bfs.master.chunks.under.replicated", this, m -> m.stats.underReplicated())
        .description("Complete chunks with fewer good replicas than wanted (leader's last round)").register(metrics);
    Gauge.builder("bfs.master.chunks.over.replicated", this, m -> m.stats.overReplicated())
        .description("Complete chunks with more replicas than wanted (leader's last round)").register(metrics);
    Gauge.builder("bfs.master.chunks.missing", this, m -> m.stats.missing())
        .description("Complete chunks no live chunkserver holds (leader's last round)").register(metrics);
    Gauge.builder("bfs.master.nodes.decommissioning", admin,
            a -> a.all().stream().filter(n -> n.state() == NodeAdminState.DECOMMISSIONING).count())
        .description("Chunkservers being decommissioned").register(metrics);
    Gauge.builder("bfs.master.nodes.dead", this, ReplicationMonitor::deadNodes)
        .description("Registered chunkservers not heard from within master.node.dead.after.ms").register(metrics);
    timer.scheduleWithFixedDelay(this::round, periodMs, periodMs, TimeUnit.MILLISECONDS);
    copier.onCopyDone((copy, ok) -> {
      try {
        timer.execute(() -> copyDone(copy.chunkId(), ok));
      } catch (RejectedExecutionException e) {
        // closing
      }
    });
  }

  private long deadNodes() {
    return admin.all().stream().filter(n -> n.state() != NodeAdminState.DECOMMISSIONED && !nodes.isLive(n.id()))
        .count();
  }

  private void round() {
    try {
      long now = clock.getAsLong();
      if (!isLeaderReady.getAsBoolean()) {
        leaderSinceMs = 0;
        return;
      }
      if (leaderSinceMs == 0) {
        leaderSinceMs = now;
      }
      failedSinceRound.clear();
      if (now - leaderSinceMs < settleMs || !nodes.live().stream().allMatch(NodeState::reported)) {
        return;
      }
      scan();
    } catch (RuntimeException e) {
      LOG.warn("replication round failed", e);
    }
  }

  /** One chunk that wants more replicas. */
  private record Need(long chunkId, long version, long length, int replication, ChunkHealth health, int[] holders) {}

  /** The chunk's health now, from the replica map and the copies under way. */
  private ChunkHealth assess(long chunkId, int replication, int[] holders, Map<Integer, NodeState> live) {
    return ChunkHealth.decide(replication, holders, n -> role(live, n), copier.pendingTargets(chunkId, holders), true,
        n -> rebalancer.trimFirst(chunkId, n, live));
  }

  /** A copy ended: its streams are free for the next backlogged chunk. */
  private void copyDone(long chunkId, boolean ok) {
    if (!ok) {
      failedSinceRound.add(chunkId);
    }
    continueBacklog();
  }

  /** Starts copies of backlogged chunks that still need them, as streams allow. */
  private void continueBacklog() {
    try {
      if (backlog.isEmpty() || !isLeaderReady.getAsBoolean()) {
        return;
      }
      Map<Integer, NodeState> live = liveNodes();
      List<Need> still = new ArrayList<>();
      for (Need n : backlog) {
        if (failedSinceRound.contains(n.chunkId())) {
          continue;
        }
        int[] holders = replicas.nodesOf(n.chunkId());
        ChunkHealth h = assess(n.chunkId(), n.replication(), holders, live);
        if (h.copiesNeeded() > 0 && !h.missing()) {
          still.add(new Need(n.chunkId(), n.version(), n.length(), n.replication(), h, holders));
        }
      }
      backlog = copy(still, live);
    } catch (RuntimeException e) {
      LOG.warn("replication backlog failed", e);
    }
  }

  private Map<Integer, NodeState> liveNodes() {
    Map<Integer, NodeState> live = new HashMap<>();
    nodes.live().forEach(n -> live.put(n.id(), n));
    return live;
  }

  private void scan() {
    Map<Integer, NodeState> live = liveNodes();
    List<Need> needs = new ArrayList<>();
    Set<Integer> leavingNeeded = new HashSet<>();
    long under = 0;
    long over = 0;
    long missing = 0;
    Namespace ns = namespace.get();
    try (View view = ns.store().view(); KvCursor c = view.scan(Cf.FILES, new byte[0], null)) {
      long inode = -1;
      int replication = 0;
      while (c.next()) {
        if (Keys.chunkInode(c.key()) != inode) {
          inode = Keys.chunkInode(c.key());
          replication = Queries.replicationOf(view, inode);
        }
        ChunkRecord chunk = parse(c.value());
        if (!chunk.getComplete() || replication == 0) {
          continue;
        }
        long id = chunk.getChunkId();
        int[] holders = replicas.nodesOf(id);
        ChunkHealth h = assess(id, replication, holders, live);
        if (h.missing()) {
          missing++;
        } else if (h.copiesNeeded() > 0) {
          under++;
          needs.add(new Need(id, chunk.getVersion(), chunk.getLength(), replication, h, holders));
        } else {
          corrupt.resolved(id);
        }
        if (!h.trim().isEmpty()) {
          over++;
        }
        for (int node : concat(h.trim(), h.retire())) {
          replicas.remove(id, node);
          deletes.add(node, id);
          rebalancer.moved(id, node);
        }
        for (int node : holders) {
          if (h.needs(node)) {
            leavingNeeded.add(node);
          }
        }
      }
    }
    stats = new Stats(under, over, missing);
    backlog = copy(needs, live);
    retireDecommissioned(leavingNeeded);
  }

  /**
   * Schedules copies, the most endangered chunks first, within each node's stream budget;
   * returns the chunks left wanting (at most {@link #MAX_BACKLOG}).
   */
  private List<Need> copy(List<Need> needs, Map<Integer, NodeState> live) {
    needs.sort(Comparator.comparingInt((Need n) -> n.health().good()));
    List<NodeState> targets = live.values().stream().filter(n -> admin.inService(n.id())).toList();
    List<Need> left = new ArrayList<>();
    for (Need need : needs) {
      int started = 0;
      for (int i = 0; i < need.health().copiesNeeded(); i++) {
        NodeState source = need.health().sources().stream().map(live::get)
            .filter(n -> n != null && copier.hasRoom(n.id()))
            .min(Comparator.comparingInt(NodeState::activeTransfers)).orElse(null);
        if (source == null) {
          break;
        }
        Set<Integer> exclude = new HashSet<>();
        for (int h : need.holders()) {
          exclude.add(h);
        }
        exclude.addAll(copier.pendingTargets(need.chunkId(), need.holders()));
        List<NodeState> roomy = targets.stream().filter(n -> copier.hasRoom(n.id())).toList();
        List<NodeState> chosen = Placement.choose(roomy, 1, exclude);
        if (chosen.isEmpty()) {
          break;
        }
        if (copier.start(new ReplicaCopier.Copy(need.chunkId(), need.version(), need.length(), source,
            chosen.get(0)))) {
          started++;
        }
      }
      if (started < need.health().copiesNeeded() && left.size() < MAX_BACKLOG) {
        left.add(need);
      }
    }
    return left;
  }

  /** A node being decommissioned whose every chunk is whole elsewhere is done. */
  private void retireDecommissioned(Set<Integer> stillNeeded) {
    for (RegisteredNode n : admin.all()) {
      if (n.state() == NodeAdminState.DECOMMISSIONING && !stillNeeded.contains(n.id())) {
        LOG.info("node {} ({}) is decommissioned: every chunk it held is safe elsewhere", n.id(), n.address());
        propose.apply(MasterCommand.newBuilder().setTimeMs(clock.getAsLong())
            .setSetNodeState(SetNodeStateOp.newBuilder().setNodeId(n.id()).setState(NodeAdminState.DECOMMISSIONED))
            .build()).join();
      }
    }
  }

  private ChunkHealth.Role role(Map<Integer, NodeState> live, int node) {
    if (!live.containsKey(node)) {
      return ChunkHealth.Role.DEAD;
    }
    return switch (admin.state(node)) {
      case DECOMMISSIONING -> ChunkHealth.Role.LEAVING;
      case DECOMMISSIONED -> ChunkHealth.Role.RETIRED;
      default -> ChunkHealth.Role.GOOD;
    };
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static ChunkRecord parse(byte[] value) {
    try {
      return ChunkRecord.parseFrom(value);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt chunk record", e);
    }
  }

  Stats stats() {
    return stats;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
