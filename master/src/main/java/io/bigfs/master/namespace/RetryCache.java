package io.bigfs.master.namespace;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.Keys;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.Txn;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.store.RetryRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * First results of client mutations, kept in the store so that a retry after an ambiguous
 * commit (the leader committed, then died before answering) gets the same answer from the new
 * leader instead of "already exists". Records expire by the commands' own clock.
 */
final class RetryCache {
  /** Longer than any client keeps retrying one call. */
  static final long TTL_MS = 10 * 60 * 1000;
  /** Expiry work done per Raft entry, so that no apply stalls on a backlog. */
  static final int MAX_EXPIRED_PER_ENTRY = 256;

  private RetryCache() {}

  static MutateReply lookup(Txn txn, byte[] key) {
    byte[] value = txn.get(Cf.RETRY, key);
    if (value == null) {
      return null;
    }
    try {
      return MutateReply.parseFrom(RetryRecord.parseFrom(value).getReply());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt retry record", e);
    }
  }

  static void record(Txn txn, byte[] key, long now, MutateReply reply) {
    txn.put(Cf.RETRY, key, RetryRecord.newBuilder()
        .setTimeMs(now).setReply(ByteString.copyFrom(reply.toByteArray())).build().toByteArray());
    txn.put(Cf.RETRY_BY_TIME, Keys.retryByTime(now, key), new byte[0]);
  }

  /**
   * Drops records older than the TTL, oldest first, a bounded number at a time. The scan starts
   * where the previous one stopped ({@code from}), never walking over the deleted keys before
   * it; returns where the next one should start.
   */
  static byte[] expire(Txn txn, long now, byte[] from) {
    List<byte[]> old = new ArrayList<>();
    try (KvCursor c = txn.scan(Cf.RETRY_BY_TIME, new byte[0], from)) {
      while (c.next() && old.size() < MAX_EXPIRED_PER_ENTRY) {
        if (ByteBuffer.wrap(c.key()).getLong() >= now - TTL_MS) {
          break;
        }
        old.add(c.key());
      }
    }
    for (byte[] byTime : old) {
      txn.delete(Cf.RETRY_BY_TIME, byTime);
      byte[] key = new byte[byTime.length - 8];
      System.arraycopy(byTime, 8, key, 0, key.length);
      txn.delete(Cf.RETRY, key);
    }
    return old.isEmpty() ? from : old.get(old.size() - 1);
  }
}
