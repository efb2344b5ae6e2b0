package io.bigfs.hadoop;

import io.bigfs.client.BfsClientConfig;
import io.bigfs.common.BfsException;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * What the adapter reads from the Hadoop configuration, resolved once when a file system is
 * initialized. The URI's authority names the cluster: either the masters themselves
 * ({@code bfs://h1:9860,h2:9860,h3:9860/}) or a name looked up under {@link #MASTERS_KEY}{@code .<name>}
 * ({@code bfs://prod/}); an empty authority ({@code bfs:///}) uses {@link #MASTERS_KEY} itself.
 *
 * @param masters     the masters' client addresses, host:port
 * @param replication replicas per chunk of files created without one
 * @param blockSize   chunk size of files created without one
 */
public record AdapterConfig(List<String> masters, short replication, long blockSize) {
  /** Masters of the cluster a bfs:/// URI (no authority) means; with ".name" appended, of bfs://name/. */
  public static final String MASTERS_KEY = "fs.bfs.masters";
  /** Replication factor the adapter asks for when the caller does not give one. */
  public static final String REPLICATION_KEY = "fs.bfs.replication";
  public static final short REPLICATION_DEFAULT = 3;
  /** Chunk size (Hadoop's "block size") the adapter asks for when the caller does not give one; k/m/g suffixes. */
  public static final String BLOCK_SIZE_KEY = "fs.bfs.block.size";
  public static final long BLOCK_SIZE_DEFAULT = 64L << 20;

  public static AdapterConfig from(URI uri, Configuration conf) throws IOException {
    short replication = (short) conf.getInt(REPLICATION_KEY, REPLICATION_DEFAULT);
    long blockSize = conf.getLongBytes(BLOCK_SIZE_KEY, BLOCK_SIZE_DEFAULT);
    if (replication < 1 || blockSize < 1) {
      throw new IllegalArgumentException(REPLICATION_KEY + " and " + BLOCK_SIZE_KEY + " must be positive");
    }
    return new AdapterConfig(masters(uri, conf), replication, blockSize);
  }

  /** The masters a URI's authority names: a configured cluster name first, else a host:port list. */
  static List<String> masters(URI uri, Configuration conf) throws IOException {
    String authority = uri.getAuthority();
    if (authority == null || authority.isEmpty()) {
      return parse(conf.getTrimmed(MASTERS_KEY), uri, "set " + MASTERS_KEY + " or name the masters in the URI");
    }
    String named = conf.getTrimmed(MASTERS_KEY + "." + authority);
    if (named != null) {
      return parse(named, uri, "check " + MASTERS_KEY + "." + authority);
    }
    return parse(authority, uri, "give host:port[,host:port...] or set " + MASTERS_KEY + "." + authority);
  }

  private static List<String> parse(String list, URI uri, String hint) throws IOException {
    try {
      return BfsClientConfig.of(list).masters();
    } catch (BfsException e) {
      throw new IOException(uri + ": cannot tell which BigFS masters to use (" + e.getMessage() + "); " + hint, e);
    }
  }

  /** The client's settings: these masters, acting as {@code user}. */
  public BfsClientConfig clientConfig(String user) throws BfsException {
    return BfsClientConfig.of(String.join(",", masters)).withUser(user);
  }
}
