package io.bigfs.master.raft;

import io.bigfs.common.Statuses;
import io.bigfs.proto.CommandBatch;
import io.bigfs.proto.CommandResults;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.Status;
import io.bigfs.proto.StatusCode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Group commit for namespace operations, without a thread of its own. A command that finds
 * fewer than {@code maxInFlight} entries in flight is proposed at once, on the thread that
 * brought it; commands arriving while the entries are in flight queue up, and the thread that
 * completes an entry proposes everything waiting as the next one. So one operation alone pays
 * for no extra thread hand-off (each costs more CPU and time than preparing the command, see
 * bench/NOTES.md), and under load the cost of one replicated, fsync'd round is shared by as
 * many operations as arrived during the last one.
 */
public final class Proposer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Proposer.class);
  private static final int QUEUE_CAPACITY = 65_536;

  private record Pending(MasterCommand command, CompletableFuture<MutateReply> reply) {}

  private final Function<ByteString, CompletableFuture<RaftClientReply>> log;
  private final int maxCommands;
  private final Semaphore inFlight;
  private final Function<String, String> leaderAddress;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final DistributionSummary batchSizes;
  private volatile boolean running = true;

  /**
   * @param log           appends one entry to the Raft log (the leader's {@link MasterRaft#write})
   * @param leaderAddress maps a master id to its client address, for redirect hints
   */
  public Proposer(Function<ByteString, CompletableFuture<RaftClientReply>> log, int maxCommands, int maxInFlight,
                  Function<String, String> leaderAddress, MeterRegistry metrics) {
    this.log = log;
    this.maxCommands = maxCommands;
    this.inFlight = new Semaphore(maxInFlight);
    this.leaderAddress = leaderAddress;
    this.batchSizes = DistributionSummary.builder("bfs.master.raft.batch.commands")
        .description("Namespace operations carried by one Raft entry")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
  }

  /**
   * Queues a command and proposes what waits if an entry may go now; the future completes when
   * the command's entry has been committed and applied. Never blocks.
   */
  public CompletableFuture<MutateReply> propose(MasterCommand command) {
    CompletableFuture<MutateReply> reply = new CompletableFuture<>();
    if (!running || !queue.offer(new Pending(command, reply))) {
      reply.complete(failure(Statuses.of(StatusCode.UNAVAILABLE, "the master is overloaded or stopping")));
      return reply;
    }
    if (running) {
      proposeWaiting();
    } else {
      failWaiting();  // stopped while this was being queued: nobody else will answer it
    }
    return reply;
  }

  /**
   * Takes an in-flight slot and proposes what waits, while there is both. A command queued just
   * after another thread found the queue empty is not stranded: that thread gives its slot back
   * before looking again, and the one that queued it tries for a slot after queueing.
   */
  private void proposeWaiting() {
    while (running && !queue.isEmpty() && inFlight.tryAcquire()) {
      List<Pending> batch = new ArrayList<>();
      queue.drainTo(batch, maxCommands);
      if (batch.isEmpty()) {
        inFlight.release();
        continue;
      }
      submit(batch);
    }
  }

  private void submit(List<Pending> batch) {
    CommandBatch.Builder entry = CommandBatch.newBuilder();
    batch.forEach(p -> entry.addCommands(p.command()));
    batchSizes.record(batch.size());
    CompletableFuture<RaftClientReply> written;
    try {
      written = log.apply(UnsafeByteOperations.unsafeWrap(entry.build().toByteArray()));
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    written.whenComplete((reply, error) -> {
      inFlight.release();
      // On the thread that completed the entry (Ratis' apply thread): the next entry goes
      // before this one's answers, so its round starts while they are sent.
      proposeWaiting();
      deliver(batch, reply, error);
    });
  }

  private void deliver(List<Pending> batch, RaftClientReply reply, Throwable error) {
    if (error == null && reply.isSuccess()) {
      try {
        CommandResults results = CommandResults.parseFrom(reply.getMessage().getContent().asReadOnlyByteBuffer());
        if (results.getResultsCount() == batch.size()) {
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).reply().complete(results.getResults(i));
          }
          return;
        }
        error = new IllegalStateException(results.getResultsCount() + " results for " + batch.size() + " commands");
      } catch (Exception e) {
        error = e;
      }
    }
    Status status = statusFor(reply, error);
    batch.forEach(p -> p.reply().complete(failure(status)));
  }

  /** Why an entry did not commit here, as the status that sends the client to retry. */
  private Status statusFor(RaftClientReply reply, Throwable error) {
    NotLeaderException notLeader = reply != null ? reply.getNotLeaderException() : null;
    if (notLeader == null && error != null && error.getCause() instanceof NotLeaderException nle) {
      notLeader = nle;
    }
    if (notLeader != null) {
      var suggested = notLeader.getSuggestedLeader();
      return Statuses.notLeader(suggested == null ? "" : leaderAddress.apply(suggested.getId().toString()));
    }
    Throwable cause = reply != null && reply.getException() != null ? reply.getException() : error;
    if (cause instanceof LeaderNotReadyException || cause != null && cause.getCause() instanceof LeaderNotReadyException) {
      return Statuses.of(StatusCode.UNAVAILABLE, "the leader is not ready yet");
    }
    LOG.debug("entry not committed", cause);
    return Statuses.of(StatusCode.UNAVAILABLE, "not committed: " + cause);
  }

  private static MutateReply failure(Status status) {
    return MutateReply.newBuilder().setStatus(status).build();
  }

  @Override
  public void close() {
    running = false;
    failWaiting();
  }

  private void failWaiting() {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.reply().complete(failure(Statuses.of(StatusCode.UNAVAILABLE, "the master is stopping")));
    }
  }
}
