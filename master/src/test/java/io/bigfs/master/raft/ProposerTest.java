package io.bigfs.master.raft;

import io.bigfs.common.Statuses;
import io.bigfs.proto.CommandBatch;
import io.bigfs.proto.CommandResults;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MkdirsOp;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.StatusCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit without a proposer thread: what goes into which Raft entry, and that every
 * command gets its own answer. The Raft log is a stand-in here that answers each command with
 * its path, so that mixed-up answers show; the real log is exercised by every master test.
 */
class ProposerTest {
  /** Entries handed to the log, in order, with the futures that stand for their commits. */
  private final List<CommandBatch> entries = new ArrayList<>();
  private final List<CompletableFuture<RaftClientReply>> commits = new ArrayList<>();
  private final List<Thread> proposingThreads = new ArrayList<>();

  private synchronized CompletableFuture<RaftClientReply> append(ByteString entry) {
    try {
      entries.add(CommandBatch.parseFrom(entry.toByteArray()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    proposingThreads.add(Thread.currentThread());
    CompletableFuture<RaftClientReply> commit = new CompletableFuture<>();
    commits.add(commit);
    return commit;
  }

  private Proposer proposer(int maxInFlight) {
    return new Proposer(this::append, 512, maxInFlight, id -> "address-of-" + id, new SimpleMeterRegistry());
  }

  @Test
  void aLoneCommandIsProposedAtOnceOnTheCallersThread() throws Exception {
    Proposer proposer = proposer(1);

    CompletableFuture<MutateReply> reply = proposer.propose(mkdir("/a"));

    assertThat(entries).hasSize(1);
    assertThat(proposingThreads).containsExactly(Thread.currentThread());
    assertThat(reply).isNotDone();
    commits.get(0).complete(applied(entries.get(0)));
    assertThat(answer(reply)).isEqualTo("/a");
  }

  @Test
  void commandsArrivingWhileAnEntryIsInFlightGoTogetherInTheNextInOrder() throws Exception {
    Proposer proposer = proposer(1);
    CompletableFuture<MutateReply> a = proposer.propose(mkdir("/a"));
    CompletableFuture<MutateReply> b = proposer.propose(mkdir("/b"));
    CompletableFuture<MutateReply> c = proposer.propose(mkdir("/c"));

    assertThat(entries).as("one entry in flight at most").hasSize(1);
    commits.get(0).complete(applied(entries.get(0)));

    assertThat(entries).hasSize(2);
    assertThat(paths(entries.get(1))).containsExactly("/b", "/c");
    assertThat(answer(a)).isEqualTo("/a");
    assertThat(b).isNotDone();
    commits.get(1).complete(applied(entries.get(1)));
    assertThat(answer(b)).isEqualTo("/b");
    assertThat(answer(c)).isEqualTo("/c");
  }

  @Test
  void aFailedEntryFailsOnlyItsOwnCommandsAndTheNextStillGoes() throws Exception {
    Proposer proposer = proposer(1);
    CompletableFuture<MutateReply> a = proposer.propose(mkdir("/a"));
    CompletableFuture<MutateReply> b = proposer.propose(mkdir("/b"));

    commits.get(0).completeExceptionally(new IllegalStateException("the log is closed"));

    assertThat(a.get(1, TimeUnit.SECONDS).getStatus().getCode()).isEqualTo(StatusCode.UNAVAILABLE);
    assertThat(a.get().getStatus().getMessage()).contains("the log is closed");
    assertThat(entries).hasSize(2);
    commits.get(1).complete(applied(entries.get(1)));
    assertThat(answer(b)).isEqualTo("/b");
  }

  @Test
  void aStoppedProposerRefusesAndAnswersWhatWaited() throws Exception {
    Proposer proposer = proposer(1);
    proposer.propose(mkdir("/a"));
    CompletableFuture<MutateReply> waiting = proposer.propose(mkdir("/b"));

    proposer.close();

    assertThat(waiting.get(1, TimeUnit.SECONDS).getStatus().getCode()).isEqualTo(StatusCode.UNAVAILABLE);
    assertThat(proposer.propose(mkdir("/c")).get(1, TimeUnit.SECONDS).getStatus().getCode())
        .isEqualTo(StatusCode.UNAVAILABLE);
    assertThat(entries).as("nothing proposed after the stop").hasSize(1);
  }

  /**
   * Many threads proposing while commits complete on another thread: no command is left
   * waiting (the race between queueing and giving a slot back), none is answered with another's
   * result, and no more entries than allowed are ever in flight at once.
   */
  @Test
  void underConcurrentLoadEveryCommandIsAnsweredWithItsOwnResult() throws Exception {
    int maxInFlight = 2;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    ExecutorService raftThread = Executors.newSingleThreadExecutor();
    Proposer proposer = new Proposer(entry -> {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return CompletableFuture.supplyAsync(() -> {
        try {
          RaftClientReply reply = applied(CommandBatch.parseFrom(entry.toByteArray()));
          inFlight.decrementAndGet();
          return reply;
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }, raftThread);
    }, 16, maxInFlight, id -> "", new SimpleMeterRegistry());
    int threads = 8;
    int perThread = 500;
    List<List<CompletableFuture<MutateReply>>> replies = new ArrayList<>();
    List<Thread> proposers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<CompletableFuture<MutateReply>> mine = new ArrayList<>();
      replies.add(mine);
      String dir = "/t" + t;
      proposers.add(new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          mine.add(proposer.propose(mkdir(dir + "/d" + i)));
        }
      }));
    }
    proposers.forEach(Thread::start);
    for (Thread t : proposers) {
      t.join();
    }
    try {
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          assertThat(replies.get(t).get(i).get(10, TimeUnit.SECONDS).getStatus().getMessage())
              .isEqualTo("/t" + t + "/d" + i);
        }
      }
    } finally {
      raftThread.shutdownNow();
    }
    assertThat(mostInFlight.get()).isBetween(1, maxInFlight);
  }

  /** The status message a command was answered with: its path, from {@link #applied}. */
  private static String answer(CompletableFuture<MutateReply> reply) throws Exception {
    return reply.get(1, TimeUnit.SECONDS).getStatus().getMessage();
  }

  private static MasterCommand mkdir(String path) {
    return MasterCommand.newBuilder()
        .setClient(MutateRequest.newBuilder().setMkdirs(MkdirsOp.newBuilder().setPath(path)))
        .build();
  }

  private static List<String> paths(CommandBatch batch) {
    return batch.getCommandsList().stream().map(c -> c.getClient().getMkdirs().getPath()).toList();
  }

  /** What a master would answer for {@code batch}: here, each command's path as its status message. */
  private static RaftClientReply applied(CommandBatch batch) {
    CommandResults.Builder results = CommandResults.newBuilder();
    for (String path : paths(batch)) {
      results.addResults(MutateReply.newBuilder().setStatus(Statuses.ok().toBuilder().setMessage(path)));
    }
    return RaftClientReply.newBuilder().setClientId(ClientId.randomId()).setServerId(RaftPeerId.valueOf("m1"))
        .setGroupId(RaftGroupId.randomId()).setCallId(1).setSuccess()
        .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(results.build().toByteArray()))).build();
  }
}
