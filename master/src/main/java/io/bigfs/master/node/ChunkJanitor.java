package io.bigfs.master.node;

import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.View;
import io.bigfs.proto.ForgetDeletedChunksOp;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * On the leader, empties the deletion queue: replicas of deleted files are ordered deleted on
 * the nodes that hold them, and once no node is known to hold a chunk (and a grace period has
 * passed, so that a slow report is not missed) the chunk leaves the queue through Raft.
 */
public final class ChunkJanitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkJanitor.class);
  private static final int MAX_PER_ROUND = 10_000;

  private final Supplier<Namespace> namespace;
  private final ReplicaMap replicas;
  private final PendingDeletes deletes;
  private final BooleanSupplier isLeader;
  private final Function<MasterCommand, CompletableFuture<MutateReply>> propose;
  private final LongSupplier clock;
  private final long graceMs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chunk-janitor");
    t.setDaemon(true);
    return t;
  });

  public ChunkJanitor(Supplier<Namespace> namespace, ReplicaMap replicas, PendingDeletes deletes,
                      BooleanSupplier isLeader, Function<MasterCommand, CompletableFuture<MutateReply>> propose,
                      LongSupplier clock, long graceMs, long periodMs) {
    this.namespace = namespace;
    this.replicas = replicas;
    this.deletes = deletes;
    this.isLeader = isLeader;
    this.propose = propose;
    this.clock = clock;
    this.graceMs = graceMs;
    timer.scheduleWithFixedDelay(this::round, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      if (!isLeader.getAsBoolean()) {
        deletes.clear();
        return;
      }
      long now = clock.getAsLong();
      List<Long> forget = new ArrayList<>();
      try (View view = namespace.get().store().view();
           KvCursor c = view.scan(Cf.DELETED, new byte[0], null)) {
        for (int n = 0; n < MAX_PER_ROUND && c.next(); n++) {
          long chunkId = Keys.readId(c.key());
          long deletedAt = ByteBuffer.wrap(c.value()).getLong();
          // The holders leave the map as they are ordered to delete: a deleted chunk is read and
          // copied by no one, and a holder that never had it (a pipeline chosen for a file that
          // stayed empty) would otherwise be listed until the node's next full report. A replica
          // whose delete is lost is found again by a report, and deleted then.
          int[] holders = replicas.nodesOf(chunkId);
          for (int node : holders) {
            replicas.remove(chunkId, node);
            deletes.add(node, chunkId);
          }
          if (holders.length == 0 && now - deletedAt > graceMs) {
            forget.add(chunkId);
          }
        }
      }
      if (!forget.isEmpty()) {
        propose.apply(MasterCommand.newBuilder().setTimeMs(now)
            .setForgetDeletedChunks(ForgetDeletedChunksOp.newBuilder().addAllChunkIds(forget)).build()).join();
        LOG.debug("{} deleted chunks have no replica left", forget.size());
      }
    } catch (RuntimeException e) {
      LOG.warn("janitor round failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
