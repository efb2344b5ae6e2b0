package io.bigfs.hadoop;

import io.bigfs.testing.MiniCluster;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * One MiniCluster for every test of this module (they run one after another in one JVM), so the
 * contract suites pay for a cluster start once; stopped when the JVM exits.
 */
public final class SharedCluster {
  private static MiniCluster cluster;

  private SharedCluster() {}

  public static synchronized MiniCluster get() {
    if (cluster == null) {
      try {
        cluster = MiniCluster.builder().chunkservers(3).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "mini-cluster-stop"));
    }
    return cluster;
  }

  /** The cluster's file system URI, naming the masters themselves: bfs://host:port,host:port,host:port/. */
  public static URI uri() {
    return URI.create(BfsFileSystem.SCHEME + "://" + get().masterAddresses() + "/");
  }

  /** A configuration in which "mini" names this cluster (bfs://mini/). */
  public static Configuration conf() {
    Configuration conf = new Configuration();
    conf.set(AdapterConfig.MASTERS_KEY + ".mini", get().masterAddresses());
    return conf;
  }
}
