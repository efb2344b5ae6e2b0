package io.bigfs.common.rpc;

import io.bigfs.common.BfsException;
import io.bigfs.proto.Status;
import io.bigfs.proto.StatusCode;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Calls "the master" when there are three: sends to the master believed to lead, follows
 * NOT_LEADER hints, moves on when a master does not answer, and backs off while there is no
 * leader. A caller sees retries, not errors, until {@code maxWaitMs} passes without an answer.
 * Used by the client library and by chunkservers alike.
 */
public final class MasterChannels implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterChannels.class);

  private final List<String> addresses;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final long rpcTimeoutMs;
  private final long maxWaitMs;
  private final Transport transport;
  private final LongAdder retries = new LongAdder();
  /**
   * Longest pause between two rounds of asking the masters while none leads. An election takes
   * one to two election timeouts; a longer pause would add most of a second to every failover
   * for the client that slept through the new leader's first moments.
   */
  static final long MAX_BACKOFF_MS = 200;
  private volatile String leader;

  /**
   * @param addresses    the masters' client endpoints
   * @param rpcTimeoutMs deadline of one attempt
   * @param maxWaitMs    how long to keep retrying before giving up
   */
  public MasterChannels(List<String> addresses, long rpcTimeoutMs, long maxWaitMs) {
    this(addresses, rpcTimeoutMs, maxWaitMs, Transport.PLAINTEXT);
  }

  /** @param transport plaintext or TLS, with the caller's token in token mode */
  public MasterChannels(List<String> addresses, long rpcTimeoutMs, long maxWaitMs, Transport transport) {
    this.addresses = new ArrayList<>(addresses);
    this.rpcTimeoutMs = rpcTimeoutMs;
    this.maxWaitMs = maxWaitMs;
    this.transport = transport;
    this.leader = addresses.get(0);
  }

  /** One attempt against one master: the rpc receives the channel and the attempt's deadline in ms. */
  @FunctionalInterface
  public interface Attempt<R> {
    R call(ManagedChannel channel, long timeoutMs);
  }

  /**
   * Runs {@code attempt} against the leader until it answers with anything but NOT_LEADER or
   * UNAVAILABLE. The reply's status is read with {@code statusOf}.
   */
  public <R> R call(Attempt<R> attempt, Function<R, Status> statusOf) throws BfsException {
    long deadline = System.nanoTime() + maxWaitMs * 1_000_000;
    String target = leader;
    int triedSinceSleep = 0;
    long backoffMs = 20;
    String lastError = "no attempt made";
    while (true) {
      String next;
      try {
        R reply = attempt.call(channel(target), rpcTimeoutMs);
        Status status = statusOf.apply(reply);
        if (status.getCode() == StatusCode.NOT_LEADER) {
          lastError = target + " is not the leader";
          String hint = status.getLeaderHint();
          next = hint.isEmpty() || hint.equals(target) ? nextAfter(target) : hint;
          if (hint.isEmpty()) {
            triedSinceSleep++;
          }
        } else if (status.getCode() == StatusCode.UNAVAILABLE) {
          lastError = target + ": " + status.getMessage();
          next = target;
          triedSinceSleep = addresses.size();
        } else {
          leader = target;
          return reply;
        }
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == io.grpc.Status.Code.UNAUTHENTICATED) {
          throw new BfsException(StatusCode.PERMISSION_DENIED, "refused by " + target + ": "
              + nullToEmpty(e.getStatus().getDescription()));
        }
        if (!isTransient(e)) {
          throw new BfsException(StatusCode.INTERNAL, target + ": " + e.getStatus());
        }
        lastError = target + ": " + describe(e.getStatus());
        next = nextAfter(target);
        triedSinceSleep++;
      }
      retries.increment();
      if (System.nanoTime() - deadline > 0) {
        throw new BfsException(StatusCode.UNAVAILABLE,
            "no master answered within " + maxWaitMs / 1000.0 + " s (last: " + lastError + ")" + tlsHint(lastError));
      }
      if (triedSinceSleep >= addresses.size()) {
        LOG.debug("no leader yet ({}); retrying in {} ms", lastError, backoffMs);
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        triedSinceSleep = 0;
      }
      target = next;
    }
  }

  /** How many attempts were repeated because a master was down, not leading or not ready. */
  public long retries() {
    return retries.sum();
  }

  public List<String> addresses() {
    return List.copyOf(addresses);
  }

  /** A channel to one particular master (for admin commands that ask each master in turn). */
  public ManagedChannel channel(String address) {
    return channels.computeIfAbsent(address, transport::open);
  }

  private String nextAfter(String address) {
    int i = addresses.indexOf(address);
    return addresses.get((i + 1) % addresses.size());
  }

  private static boolean isTransient(StatusRuntimeException e) {
    return switch (e.getStatus().getCode()) {
      // CANCELLED: a master that stops cancels the calls it was serving; retrying is safe,
      // since a repeated call id is applied once.
      case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, RESOURCE_EXHAUSTED, CANCELLED -> true;
      default -> false;
    };
  }

  /** The code, the description, and the cause's message: a TLS failure is described by its cause. */
  private static String describe(io.grpc.Status status) {
    String text = status.getCode() + " " + nullToEmpty(status.getDescription());
    Throwable cause = status.getCause();
    return cause != null && cause.getMessage() != null ? text + " (" + cause.getMessage() + ")" : text;
  }

  /**
   * A TLS server hangs up on a plaintext client without a word, which the client sees as a
   * connection closed for no reason; say what that most likely means.
   */
  private String tlsHint(String lastError) {
    if (transport.tls() || !lastError.contains("Network closed for unknown reason")) {
      return "";
    }
    return "; the master closed a plaintext connection: if the cluster uses TLS (security.tls.enabled), "
        + "give the client the cluster's CA (BFS_TLS_CA, or ClientSecurity.tls)";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static void sleep(long ms) throws BfsException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BfsException(StatusCode.UNAVAILABLE, "interrupted while waiting for a master");
    }
  }

  @Override
  public void close() {
    channels.values().forEach(Channels::close);
    channels.clear();
  }
}
