package io.bigfs.hadoop.contract;

import io.bigfs.hadoop.BfsFileSystem;
import io.bigfs.hadoop.SharedCluster;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

import java.io.IOException;

/**
 * Hadoop's file system contract bound to BigFS: the shared MiniCluster, reached through Hadoop's
 * cached file system for its URI (so the tests share one client, as programs do), and the
 * options in contract/bfs.xml saying what BigFS does.
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
    fs = FileSystem.get(SharedCluster.uri(), getConf());
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
