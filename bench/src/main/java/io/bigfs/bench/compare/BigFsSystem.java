package io.bigfs.bench.compare;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsClientConfig;
import io.bigfs.client.CreateOptions;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.MasterServer;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/** BigFS in this JVM: three Raft masters and three chunkservers on loopback, RF 3. */
final class BigFsSystem implements SystemUnderTest {
  private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(60);
  private final MiniCluster cluster;
  private int killed = -1;

  /** {@code -Dbfs.bench.master.KEY=VALUE} sets a master setting, to measure what it changes. */
  static final String MASTER_SETTING_PREFIX = "bfs.bench.master.";

  BigFsSystem(Path dir, long chunkSize) throws IOException {
    MiniCluster.Builder builder = MiniCluster.builder().dir(dir).chunkservers(3)
        .master(MasterConfig.CHUNK_SIZE.name(), chunkSize)
        // Production election timeouts, so the failover row means what an operator would see.
        .master(MasterConfig.ELECTION_MIN.name(), 1000)
        .master(MasterConfig.ELECTION_MAX.name(), 2000);
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(MASTER_SETTING_PREFIX))
        .forEach(k -> builder.master("master." + k.substring(MASTER_SETTING_PREFIX.length()), System.getProperty(k)));
    cluster = builder.start();
  }

  @Override
  public String name() {
    return "BigFS";
  }

  @Override
  public Session session() {
    BfsClient client = BfsClient.connect(
        new BfsClientConfig(cluster.masterAddressList(), MiniCluster.USER, 15_000, 120_000, 10_000));
    return new BigFsSession(client);
  }

  @Override
  public boolean killLeader() {
    killed = cluster.leaderIndex();
    cluster.killMaster(killed);
    return true;
  }

  /** Restarts the killed master and returns once it has applied everything the group had committed. */
  @Override
  public void restoreLeader() {
    cluster.startMaster(killed);
    MasterServer back = cluster.master(killed);
    long committed = cluster.master(cluster.waitForLeader(REJOIN_TIMEOUT)).raft().status().commitIndex();
    Wait.until("master " + killed + " caught up to index " + committed, REJOIN_TIMEOUT,
        () -> back.raft().status().appliedIndex() >= committed);
  }

  @Override
  public void close() {
    cluster.close();
  }

  private record BigFsSession(BfsClient fs) implements Session {
    @Override
    public void mkdirs(String path) throws IOException {
      fs.mkdirs(path);
    }

    @Override
    public OutputStream create(String path) throws IOException {
      return fs.create(path, CreateOptions.DEFAULT.withOverwrite(true).withDataFollowing(true));
    }

    @Override
    public void createEmpty(String path) throws IOException {
      fs.create(path, CreateOptions.DEFAULT.withOverwrite(true)).close();
    }

    @Override
    public InputStream open(String path) throws IOException {
      return fs.open(path);
    }

    @Override
    public long stat(String path) throws IOException {
      return fs.stat(path).length();
    }

    @Override
    public int list(String path) throws IOException {
      return fs.list(path).size();
    }

    @Override
    public void rename(String source, String target) throws IOException {
      fs.rename(source, target);
    }

    @Override
    public void delete(String path, boolean recursive) throws IOException {
      fs.delete(path, recursive);
    }

    @Override
    public void close() {
      fs.close();
    }
  }
}
