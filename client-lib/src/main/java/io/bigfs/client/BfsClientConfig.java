package io.bigfs.client;

import io.bigfs.common.BfsException;
import io.bigfs.common.rpc.Addresses;

import java.util.List;

/**
 * How a client connects.
 *
 * @param masters         the masters' client addresses, host:port
 * @param user            the identity the client acts as (simple mode: the OS user by default)
 * @param rpcTimeoutMs    deadline of one call to a master
 * @param maxRetryMs      how long a call keeps retrying while masters fail over
 * @param leaseRenewMs    how often open files' leases are renewed (keep below the masters' lease expiry)
 */
public record BfsClientConfig(List<String> masters, String user, long rpcTimeoutMs, long maxRetryMs,
                              long leaseRenewMs) {

  /** Defaults for {@code masters} ("host:port,host:port,host:port"). */
  public static BfsClientConfig of(String masters) throws BfsException {
    return new BfsClientConfig(Addresses.parseList(masters), System.getProperty("user.name", "nobody"),
        15_000, 60_000, 10_000);
  }

  public BfsClientConfig withUser(String value) {
    return new BfsClientConfig(masters, value, rpcTimeoutMs, maxRetryMs, leaseRenewMs);
  }

  public BfsClientConfig withMaxRetryMs(long value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, value, leaseRenewMs);
  }

  public BfsClientConfig withRpcTimeoutMs(long value) {
    return new BfsClientConfig(masters, user, value, maxRetryMs, leaseRenewMs);
  }

  public BfsClientConfig withLeaseRenewMs(long value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, value);
  }
}
