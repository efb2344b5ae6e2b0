package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.MetaStore;
import io.bigfs.master.store.Txn;
import io.bigfs.master.store.View;
import io.bigfs.proto.CommandBatch;
import io.bigfs.proto.CommandResults;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.Principal;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.store.InodeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The namespace and chunk lists of the cluster, stored in RocksDB. {@link #apply} runs one Raft
 * entry (a batch of commands) as one atomic write; {@link #query} answers reads from a
 * consistent view. Each command of a batch succeeds or leaves no trace.
 */
public final class Namespace {
  private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);
  public static final String SUPERGROUP = "supergroup";

  private final MetaStore store;
  private final String rootOwner;
  private Counters counters;
  /** Goes up each time the store is (re)loaded, so caches of its contents know to refresh. */
  private volatile long generation;
  /** Where the retry records' expiry stopped last (memory only: after a restart it starts over). */
  private byte[] retryExpiredUpTo;

  public Namespace(MetaStore store, String rootOwner) throws IOException {
    this.store = store;
    this.rootOwner = rootOwner;
    reload();
  }

  /** Re-reads counters after the store was replaced (snapshot install); makes the root of a new store. */
  public synchronized void reload() throws IOException {
    generation++;
    try (View view = store.view()) {
      if (view.get(Cf.INODES, Resolver.ROOT_KEY) == null) {
        createRoot();
      }
    }
    try (View view = store.view()) {
      counters = Counters.load(view);
    }
    retryExpiredUpTo = null;
  }

  private void createRoot() throws IOException {
    InodeRecord root = InodeRecord.newBuilder()
        .setId(Keys.ROOT_ID).setDirectory(true).setMode(TreeOps.DEFAULT_DIR_MODE)
        .setOwner(rootOwner).setGroup(SUPERGROUP).build();
    try (Txn txn = store.begin()) {
      txn.put(Cf.INODES, Resolver.ROOT_KEY, root.toByteArray());
      new Counters().writeTo(txn);
      txn.commit(0, -1);
    }
  }

  /** Applies one Raft entry. Called by one thread, in log order, on every master. */
  public synchronized CommandResults apply(long term, long index, CommandBatch batch) throws IOException {
    CommandResults.Builder results = CommandResults.newBuilder();
    Counters before = counters.copy();
    try (Txn txn = store.begin()) {
      long lastTime = 0;
      for (MasterCommand command : batch.getCommandsList()) {
        results.addResults(applyOne(txn, command));
        lastTime = Math.max(lastTime, command.getTimeMs());
      }
      retryExpiredUpTo = RetryCache.expire(txn, lastTime, retryExpiredUpTo);
      counters.writeTo(txn);
      txn.commit(term, index);
    } catch (IOException | RuntimeException e) {
      counters = before;
      throw e;
    }
    return results.build();
  }

  private MutateReply applyOne(Txn txn, MasterCommand command) {
    byte[] retryKey = null;
    if (command.hasClient() && !command.getClient().getClientId().isEmpty()) {
      MutateRequest req = command.getClient();
      retryKey = Keys.retry(req.getClientId().toByteArray(), req.getCallId());
      MutateReply first = RetryCache.lookup(txn, retryKey);
      if (first != null) {
        return first;
      }
    }
    Counters saved = counters.copy();
    txn.setSavePoint();
    MutateReply reply;
    try {
      reply = Commands.dispatch(new Edit(txn, counters, command.getTimeMs(), user(command),
          command.getClient().getClientId(), Access.of(command.getPrincipal())), command);
      txn.releaseSavePoint();
    } catch (BfsException e) {
      txn.rollbackToSavePoint();
      counters.restoreFrom(saved);
      reply = MutateReply.newBuilder().setStatus(Statuses.of(e)).build();
    } catch (RuntimeException e) {
      // The same bug hits every master at the same entry, so state stays identical; say so loudly.
      LOG.error("applying {} failed", command.getCommandCase(), e);
      txn.rollbackToSavePoint();
      counters.restoreFrom(saved);
      reply = MutateReply.newBuilder().setStatus(Statuses.of(StatusCode.INTERNAL,
          "the master failed to apply " + command.getCommandCase() + ": " + e)).build();
    }
    if (retryKey != null) {
      RetryCache.record(txn, retryKey, command.getTimeMs(), reply);
    }
    return reply;
  }

  /** The user a client command acts for: the leader's resolution, or (older entries) the declared one. */
  private static String user(MasterCommand command) {
    return command.hasPrincipal() ? command.getPrincipal().getUser() : command.getClient().getUser();
  }

  /** Answers a read from a consistent view, with the permissions of {@code principal}. */
  public QueryReply query(QueryRequest request, Principal principal, ReplicaLocator locator) {
    Access access = Access.of(principal);
    try (View view = store.view()) {
      return switch (request.getQueryCase()) {
        case STAT -> QueryReply.newBuilder().setStatus(Statuses.ok())
            .setFile(Queries.stat(view, request.getStat().getPath(), access)).build();
        case LIST -> Queries.list(view, request.getList().getPath(), request.getList().getStartAfter(),
            request.getList().getLimit(), access).setStatus(Statuses.ok()).build();
        case LOCATIONS -> Queries.locations(view, request.getLocations().getPath(),
            request.getLocations().getOffset(), request.getLocations().getLength(), locator, access)
            .setStatus(Statuses.ok()).build();
        case QUERY_NOT_SET -> throw BfsException.invalid("empty query");
      };
    } catch (BfsException e) {
      return QueryReply.newBuilder().setStatus(Statuses.of(e)).build();
    }
  }

  public long generation() {
    return generation;
  }

  public MetaStore store() {
    return store;
  }

  /** Totals for metrics; a snapshot of the counters as of the last applied entry. */
  public synchronized Counters counters() {
    return counters.copy();
  }
}
