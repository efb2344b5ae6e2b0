package io.bigfs.master.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bigfs.master.namespace.Namespace;
import io.bigfs.master.namespace.ReplicaLocator;
import io.bigfs.master.store.MetaStore;
import io.bigfs.master.store.StateDigest;
import io.bigfs.proto.CommandBatch;
import io.bigfs.proto.CommandResults;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.QueryCommand;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The Raft state machine of a master: applies each committed entry (a batch of commands) to the
 * namespace store, answers queries, and snapshots the store as a RocksDB checkpoint.
 *
 * <p>After a crash the store may be ahead of the latest snapshot (it was flushed since), while
 * Ratis replays from the snapshot. Entries the store already holds are recognised by the applied
 * index it keeps and skipped, so every entry takes effect exactly once.
 */
public final class MasterStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(MasterStateMachine.class);

  private final Path dbDir;
  private final long cacheBytes;
  private final String rootOwner;
  private final ReplicaLocator locator;
  private final Consumer<RaftPeerId> onLeaderChanged;
  private final BiConsumer<MasterCommand, MutateReply> onApplied;
  private final SnapshotStorage storage = new SnapshotStorage();
  private volatile MetaStore store;
  private volatile Namespace namespace;
  /** Index of the last entry the store holds; entries up to it are skipped on replay. */
  private volatile long storeApplied = -1;

  /**
   * @param onApplied told of each command applied (with its result), for soft state that follows
   *                  the log, such as where a new chunk's replicas are being written
   */
  public MasterStateMachine(Path dbDir, long cacheBytes, String rootOwner, ReplicaLocator locator,
                            Consumer<RaftPeerId> onLeaderChanged, BiConsumer<MasterCommand, MutateReply> onApplied) {
    this.dbDir = dbDir;
    this.cacheBytes = cacheBytes;
    this.rootOwner = rootOwner;
    this.locator = locator;
    this.onLeaderChanged = onLeaderChanged;
    this.onApplied = onApplied;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(this::load);
  }

  /** Opens the store, first rebuilding it from the newest snapshot if the snapshot is ahead. */
  private void load() throws IOException {
    if (store == null) {
      store = MetaStore.open(dbDir, cacheBytes);
    }
    FileListSnapshotInfo snapshot = storage.getLatestSnapshot();
    long[] applied = store.appliedTermIndex();
    if (snapshot != null && applied[1] < snapshot.getIndex()) {
      LOG.info("loading snapshot {} (the store was at index {})", snapshot.getTermIndex(), applied[1]);
      store.replaceWith(storage.dirOf(snapshot.getTermIndex()));
      applied = store.appliedTermIndex();
    }
    if (namespace == null) {
      namespace = new Namespace(store, rootOwner);
    } else {
      namespace.reload();
    }
    storeApplied = applied[1];
    if (snapshot != null) {
      setLastAppliedTermIndex(snapshot.getTermIndex());
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long term = entry.getTerm();
    long index = entry.getIndex();
    if (index <= storeApplied) {
      updateLastAppliedTermIndex(term, index);
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
    try {
      CommandBatch batch = CommandBatch.parseFrom(
          entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
      CommandResults results = namespace.apply(term, index, batch);
      storeApplied = index;
      for (int i = 0; i < batch.getCommandsCount(); i++) {
        onApplied.accept(batch.getCommands(i), results.getResults(i));
      }
      updateLastAppliedTermIndex(term, index);
      return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(results.toByteArray())));
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot apply entry {}: the store is no longer written", TermIndex.valueOf(term, index), e);
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      QueryCommand q = QueryCommand.parseFrom(request.getContent().asReadOnlyByteBuffer());
      QueryReply reply = namespace.query(q.getQuery(), q.getPrincipal(), locator);
      return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(reply.toByteArray())));
    } catch (InvalidProtocolBufferException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex ti = getLastAppliedTermIndex();
    if (ti == null || ti.getIndex() < 0) {
      return RaftLog.INVALID_LOG_INDEX;
    }
    long start = System.nanoTime();
    storage.take(store, ti);
    LOG.info("snapshot {} taken in {} ms", ti, (System.nanoTime() - start) / 1_000_000);
    return ti.getIndex();
  }

  /**
   * Ratis pauses the state machine before installing a snapshot, and again when the leader sends
   * the snapshot again before the last install was reloaded (a wiped follower gets the same
   * snapshot more than once): pausing a paused state machine must do nothing, or every later
   * install fails on an illegal PAUSED to PAUSING transition and the follower never catches up.
   */
  @Override
  public void pause() {
    if (getLifeCycle().getCurrentState().isPausingOrPaused()) {
      return;
    }
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  /** After a snapshot was installed from the leader: rebuild the store from it. */
  @Override
  public void reinitialize() throws IOException {
    storage.reload();
    getLifeCycle().startAndTransition(this::load);
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    onLeaderChanged.accept(newLeaderId);
  }

  public Namespace namespace() {
    return namespace;
  }

  /** A fingerprint of the replicated state, to compare masters (see {@link StateDigest}). */
  public StateDigest digest() {
    return StateDigest.of(store);
  }

  public long snapshotIndex() {
    FileListSnapshotInfo s = storage.getLatestSnapshot();
    return s == null ? -1 : s.getIndex();
  }

  /** The newest snapshot's time and size, or null before the first snapshot. */
  public SnapshotStats snapshotStats() {
    return storage.latestStats();
  }

  @Override
  public void close() throws IOException {
    super.close();
    if (store != null) {
      store.close();
    }
  }
}
