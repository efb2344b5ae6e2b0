package io.bigfs.hadoop.contract;

import io.bigfs.hadoop.BfsFileSystem;
import io.bigfs.hadoop.SharedCluster;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

import java.io.IOException;

/**
 * Hadoop's file system contract bound to BigFS: the shared MiniCluster, a fresh file system per
 * test (closed after it), and the options in contract/bfs.xml saying what BigFS does.
 */
public class BfsContract extends AbstractFSContract {
  public static final String CONTRACT_XML = "contract/bfs.xml";
  private FileSystem fs;

  public BfsContract(Configuration conf) {
    super(conf);
    addConfResource(CONTRACT_XML);
  }

  @Override
  public void init() throws IOException {
    super.init();
    fs = FileSystem.newInstance(SharedCluster.uri(), getConf());
  }

  @Override
  public void teardown() throws IOException {
    if (fs != null) {
      fs.close();
    }
    super.teardown();
  }

  @Override
  public FileSystem getTestFileSystem() {
    return fs;
  }

  @Override
  public String getScheme() {
    return BfsFileSystem.SCHEME;
  }

  @Override
  public Path getTestPath() {
    return new Path("/test");
  }
}
