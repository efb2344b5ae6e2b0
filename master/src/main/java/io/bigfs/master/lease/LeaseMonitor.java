package io.bigfs.master.lease;

import com.google.protobuf.ByteString;
import io.bigfs.common.Ids;
import io.bigfs.master.namespace.Leases;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.master.raft.Proposer;
import io.bigfs.master.store.View;
import io.bigfs.proto.ExpireLeaseOp;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * On the leader, finds holders that stopped renewing and proposes the expiry of their leases,
 * which closes their files at the recovered lengths. A new leader first waits one full expiry
 * period: clients could not renew while there was no leader, and must not be punished for it.
 */
public final class LeaseMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseMonitor.class);
  private static final int MAX_PER_ROUND = 100;

  private final MasterRaft raft;
  private final MasterStateMachine stateMachine;
  private final Proposer proposer;
  private final LeaseRecovery recovery;
  private final LongSupplier clock;
  private final long expiryMs;
  private final ScheduledExecutorService timer;
  private long leaderSinceMs;

  public LeaseMonitor(MasterRaft raft, MasterStateMachine stateMachine, Proposer proposer, LeaseRecovery recovery,
                      LongSupplier clock, long expiryMs) {
    this.raft = raft;
    this.stateMachine = stateMachine;
    this.proposer = proposer;
    this.recovery = recovery;
    this.clock = clock;
    this.expiryMs = expiryMs;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lease-monitor");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(100, Math.min(1000, expiryMs / 4));
    timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      long now = clock.getAsLong();
      if (!raft.isLeaderReady()) {
        leaderSinceMs = 0;
        return;
      }
      if (leaderSinceMs == 0) {
        leaderSinceMs = now;
      }
      if (now - leaderSinceMs < expiryMs) {
        return;
      }
      List<Leases.Holder> expired;
      try (View view = stateMachine.namespace().store().view()) {
        expired = Leases.expired(view, now - expiryMs, MAX_PER_ROUND);
      }
      for (Leases.Holder holder : expired) {
        expire(holder);
      }
    } catch (RuntimeException e) {
      LOG.warn("lease check failed", e);
    }
  }

  private void expire(Leases.Holder holder) {
    ExpireLeaseOp.Builder op = ExpireLeaseOp.newBuilder().setHolder(ByteString.copyFrom(holder.id()));
    op.addAllFiles(recovery.recover(holder.id()));
    MutateReply reply = proposer.propose(MasterCommand.newBuilder().setTimeMs(clock.getAsLong())
        .setExpireLease(op).build()).join();
    LOG.info("lease of client {} expired ({} files recovered): {}", Ids.hex(holder.id()), op.getFilesCount(),
        reply.getStatus().getCode());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
