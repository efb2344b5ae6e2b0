package io.bigfs.bench.compare;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Apache HDFS in this JVM (Hadoop's MiniDFSCluster): one NameNode and three DataNodes on
 * loopback and local disk, RF 3, made as durable as BigFS: the NameNode fsyncs its edit log
 * (a MiniDFSCluster skips that fsync unless told otherwise, which no production NameNode does),
 * and DataNodes force a block to disk when it is closed ({@code dfs.datanode.synconclose}; off
 * by default in HDFS, always on in BigFS, whose chunkservers fsync each replica as they finalize
 * it). Otherwise HDFS's defaults.
 */
final class HdfsSystem implements SystemUnderTest {
  private final MiniDFSCluster cluster;
  private final Configuration conf;

  HdfsSystem(Path dir, long blockSize) throws IOException {
    conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toAbsolutePath().toString());
    conf.setInt("dfs.replication", 3);
    conf.setLong("dfs.blocksize", blockSize);
    // Keep the in-process cluster quiet and off the network.
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("hadoop.security.authentication", "simple");
    conf.setBoolean("dfs.datanode.synconclose", true);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(3).skipFsyncForTesting(false).build();
    cluster.waitActive();
  }

  @Override
  public String name() {
    return "HDFS";
  }

  @Override
  public Session session() throws IOException {
    return new HdfsSession(FileSystem.newInstance(cluster.getURI(), conf));
  }

  /** MiniDFSCluster runs one NameNode: there is no standby to fail over to. */
  @Override
  public boolean killLeader() {
    return false;
  }

  @Override
  public void restoreLeader() {}

  @Override
  public void close() {
    cluster.shutdown(true);
  }

  private record HdfsSession(FileSystem fs) implements Session {
    private static org.apache.hadoop.fs.Path p(String path) {
      return new org.apache.hadoop.fs.Path(path);
    }

    @Override
    public void mkdirs(String path) throws IOException {
      fs.mkdirs(p(path));
    }

    @Override
    public OutputStream create(String path) throws IOException {
      return fs.create(p(path), true);
    }

    @Override
    public InputStream open(String path) throws IOException {
      return fs.open(p(path));
    }

    @Override
    public long stat(String path) throws IOException {
      return fs.getFileStatus(p(path)).getLen();
    }

    @Override
    public int list(String path) throws IOException {
      return fs.listStatus(p(path)).length;
    }

    @Override
    public void rename(String source, String target) throws IOException {
      if (!fs.rename(p(source), p(target))) {
        throw new IOException("HDFS refused to rename " + source + " to " + target);
      }
    }

    @Override
    public void delete(String path, boolean recursive) throws IOException {
      if (!fs.delete(p(path), recursive)) {
        throw new IOException("HDFS did not delete " + path);
      }
    }

    @Override
    public void close() throws IOException {
      fs.close();
    }
  }
}
