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
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit for namespace operations. Commands queue up; one thread packs whatever is
 * waiting into a single Raft entry, keeping at most {@code maxInFlight} entries in flight. While
 * those commit, new commands wait and the next entry carries them all, so the cost of one
 * replicated, fsync'd round trip is shared by as many operations as arrived meanwhile.
 */
public final class Proposer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Proposer.class);
  private static final int QUEUE_CAPACITY = 65_536;

  private record Pending(MasterCommand command, CompletableFuture<MutateReply> reply) {}

  private final MasterRaft raft;
  private final int maxCommands;
  private final Semaphore inFlight;
  private final Function<String, String> leaderAddress;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final DistributionSummary batchSizes;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param leaderAddress maps a master id to its client address, for redirect hints
   */
  public Proposer(MasterRaft raft, int maxCommands, int maxInFlight, Function<String, String> leaderAddress,
                  MeterRegistry metrics) {
    this.raft = raft;
    this.maxCommands = maxCommands;
    this.inFlight = new Semaphore(maxInFlight);
    this.leaderAddress = leaderAddress;
    this.batchSizes = DistributionSummary.builder("bfs.master.raft.batch.commands")
        .description("Namespace operations carried by one Raft entry")
        .publishPercentiles(0.5, 0.99)
        .register(metrics);
    this.thread = new Thread(this::run, "proposer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues a command; the future completes when its entry has been committed and applied. */
  public CompletableFuture<MutateReply> propose(MasterCommand command) {
    CompletableFuture<MutateReply> reply = new CompletableFuture<>();
    if (!running || !queue.offer(new Pending(command, reply))) {
      reply.complete(failure(Statuses.of(StatusCode.UNAVAILABLE, "the master is overloaded or stopping")));
    }
    return reply;
  }

  private void run() {
    while (running) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        inFlight.acquire();
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, maxCommands - 1);
        submit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("proposer failed; continuing", e);
      }
    }
  }

  private void submit(List<Pending> batch) {
    CommandBatch.Builder entry = CommandBatch.newBuilder();
    batch.forEach(p -> entry.addCommands(p.command()));
    batchSizes.record(batch.size());
    raft.write(UnsafeByteOperations.unsafeWrap(entry.build().toByteArray()))
        .whenComplete((reply, error) -> {
          inFlight.release();
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
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(2000);
    Pending p;
    while ((p = queue.poll()) != null) {
      p.reply().complete(failure(Statuses.of(StatusCode.UNAVAILABLE, "the master is stopping")));
    }
  }
}
