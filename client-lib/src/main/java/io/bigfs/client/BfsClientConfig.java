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
 * @param cache           the local cache of files read ({@link CacheConfig#OFF} by default)
 * @param security        TLS and token ({@link ClientSecurity#NONE} by default: plaintext, simple mode)
 */
public record BfsClientConfig(List<String> masters, String user, long rpcTimeoutMs, long maxRetryMs,
                              long leaseRenewMs, CacheConfig cache, ClientSecurity security) {

  public BfsClientConfig {
    cache = cache == null ? CacheConfig.OFF : cache;
    security = security == null ? ClientSecurity.NONE : security;
  }

  /** Without a cache. */
  public BfsClientConfig(List<String> masters, String user, long rpcTimeoutMs, long maxRetryMs, long leaseRenewMs) {
    this(masters, user, rpcTimeoutMs, maxRetryMs, leaseRenewMs, CacheConfig.OFF, ClientSecurity.NONE);
  }

  /** Defaults for {@code masters} ("host:port,host:port,host:port"). */
  public static BfsClientConfig of(String masters) throws BfsException {
    return new BfsClientConfig(Addresses.parseList(masters), System.getProperty("user.name", "nobody"),
        15_000, 60_000, 10_000);
  }

  public BfsClientConfig withUser(String value) {
    return new BfsClientConfig(masters, value, rpcTimeoutMs, maxRetryMs, leaseRenewMs, cache, security);
  }

  public BfsClientConfig withMaxRetryMs(long value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, value, leaseRenewMs, cache, security);
  }

  public BfsClientConfig withRpcTimeoutMs(long value) {
    return new BfsClientConfig(masters, user, value, maxRetryMs, leaseRenewMs, cache, security);
  }

  public BfsClientConfig withLeaseRenewMs(long value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, value, cache, security);
  }

  /**
   * Keeps the files this client reads on the local disk ({@link CacheConfig#at}), so that reading
   * an unchanged file again needs no chunkserver; {@link CacheConfig#OFF} turns it off.
   */
  public BfsClientConfig withCache(CacheConfig value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, leaseRenewMs, value, security);
  }

  /** TLS and/or a user token ({@link ClientSecurity}); a token also sets the user the client acts as. */
  public BfsClientConfig withSecurity(ClientSecurity value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, leaseRenewMs, cache, value);
  }
}
