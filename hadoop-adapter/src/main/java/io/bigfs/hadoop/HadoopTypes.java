package io.bigfs.hadoop;

import io.bigfs.client.ChunkInfo;
import io.bigfs.client.FileInfo;
import io.bigfs.client.NodeReport;
import io.bigfs.common.rpc.Addresses;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** The client library's records as Hadoop's: FileInfo as FileStatus, chunks as block locations. */
final class HadoopTypes {
  private HadoopTypes() {}

  /** A file or directory, its path qualified with the file system's URI. */
  static FileStatus status(FileInfo f, URI fsUri) {
    Path path = new Path(fsUri.getScheme(), fsUri.getAuthority(), f.path());
    return new FileStatus(f.length(), f.directory(), f.replication(), f.chunkSize(), f.modifiedMs(),
        f.accessedMs(), new FsPermission((short) f.mode()), f.owner(), f.group(), path);
  }

  /** Capacity, bytes used and free space of the live chunkservers, as {@code bfs df} counts them. */
  static FsStatus fsStatus(List<NodeReport> nodes) {
    long capacity = 0;
    long used = 0;
    for (NodeReport n : nodes) {
      if ("LIVE".equals(n.state())) {
        capacity += n.capacityBytes();
        used += n.usedBytes();
      }
    }
    return new FsStatus(capacity, used, Math.max(0, capacity - used));
  }

  /**
   * One location per chunk: "names" are the chunkservers' data addresses (host:port) and
   * "hosts" their host names, so schedulers can run tasks beside the replicas.
   */
  static BlockLocation[] locations(List<ChunkInfo> chunks) throws IOException {
    BlockLocation[] out = new BlockLocation[chunks.size()];
    for (int i = 0; i < out.length; i++) {
      ChunkInfo c = chunks.get(i);
      String[] names = c.nodes().toArray(String[]::new);
      String[] hosts = new String[names.length];
      for (int n = 0; n < names.length; n++) {
        hosts[n] = Addresses.parse(names[n]).getHostString();
      }
      // A chunk whose every known replica is corrupt is what HDFS calls a corrupt block.
      boolean corrupt = names.length == 0 && c.corruptReplicas() > 0;
      out[i] = new BlockLocation(names, hosts, c.offset(), c.length(), corrupt);
    }
    return out;
  }
}
