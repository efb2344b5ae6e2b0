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
 * @param umask           permission bits taken away from new files and directories (022 by default, as HDFS)
 * @param security        TLS and token ({@link ClientSecurity#NONE} by default: plaintext, simple mode)
 */
public record BfsClientConfig(List<String> masters, String user, long rpcTimeoutMs, long maxRetryMs,
                              long leaseRenewMs, CacheConfig cache, int umask, ClientSecurity security) {
  public static final int DEFAULT_UMASK = 022;

  public BfsClientConfig {
    cache = cache == null ? CacheConfig.OFF : cache;
    security = security == null ? ClientSecurity.NONE : security;
    if (umask < 0 || umask > 0777) {
      throw new IllegalArgumentException("umask " + Integer.toOctalString(umask) + " is not between 0 and 777 (octal)");
    }
  }

  /** Without a cache, with the default umask. */
  public BfsClientConfig(List<String> masters, String user, long rpcTimeoutMs, long maxRetryMs, long leaseRenewMs) {
    this(masters, user, rpcTimeoutMs, maxRetryMs, leaseRenewMs, CacheConfig.OFF, DEFAULT_UMASK, ClientSecurity.NONE);
  }

  /** Defaults for {@code masters} ("host:port,host:port,host:port"). */
  public static BfsClientConfig of(String masters) throws BfsException {
    return new BfsClientConfig(Addresses.parseList(masters), System.getProperty("user.name", "nobody"),
        15_000, 60_000, 10_000);
  }

  public BfsClientConfig withUser(String value) {
    return new BfsClientConfig(masters, value, rpcTimeoutMs, maxRetryMs, leaseRenewMs, cache, umask, security);
  }

  public BfsClientConfig withMaxRetryMs(long value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, value, leaseRenewMs, cache, umask, security);
  }

  public BfsClientConfig withRpcTimeoutMs(long value) {
    return new BfsClientConfig(masters, user, value, maxRetryMs, leaseRenewMs, cache, umask, security);
  }

  public BfsClientConfig withLeaseRenewMs(long value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, value, cache, umask, security);
  }

  /** Bits taken away from the mode of every file and directory this client makes (e.g. 027). */
  public BfsClientConfig withUmask(int value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, leaseRenewMs, cache, value, security);
  }

  /**
   * Keeps the files this client reads on the local disk ({@link CacheConfig#at}), so that reading
   * an unchanged file again needs no chunkserver; {@link CacheConfig#OFF} turns it off.
   */
  public BfsClientConfig withCache(CacheConfig value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, leaseRenewMs, value, umask, security);
  }

  /** TLS and/or a user token ({@link ClientSecurity}); a token also sets the user the client acts as. */
  public BfsClientConfig withSecurity(ClientSecurity value) {
    return new BfsClientConfig(masters, user, rpcTimeoutMs, maxRetryMs, leaseRenewMs, cache, umask, value);
  }
}
