package io.bigfs.hadoop;

import io.bigfs.client.NodeReport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the contract tests do not cover: locality, statistics, attributes, users, du, closing. */
class BfsFileSystemTest {
  static final int CHUNK = 64 * 1024;
  static FileSystem fs;

  @BeforeAll
  static void open() throws IOException {
    fs = FileSystem.newInstance(SharedCluster.uri(), new Configuration());
    fs.mkdirs(new Path("/fs-test"));
  }

  @AfterAll
  static void close() throws IOException {
    fs.delete(new Path("/fs-test"), true);
    fs.close();
  }

  static byte[] write(Path path, int size, short replication) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    try (FSDataOutputStream out = fs.create(path, true, 4096, replication, CHUNK)) {
      out.write(data);
    }
    return data;
  }

  @Test
  void blockLocationsNameTheChunkserversOfEachChunk() throws IOException {
    Path file = new Path("/fs-test/blocks");
    write(file, 3 * CHUNK + 100, (short) 2);
    FileStatus status = fs.getFileStatus(file);
    assertThat(status.getBlockSize()).isEqualTo(CHUNK);

    BlockLocation[] all = fs.getFileBlockLocations(status, 0, status.getLen());
    assertThat(all).extracting(BlockLocation::getOffset).containsExactly(0L, (long) CHUNK, 2L * CHUNK, 3L * CHUNK);
    assertThat(all).extracting(BlockLocation::getLength).containsExactly((long) CHUNK, (long) CHUNK, (long) CHUNK, 100L);
    var chunkservers = ((BfsFileSystem) fs).client().nodes().stream().map(NodeReport::address).toList();
    for (BlockLocation b : all) {
      assertThat(b.getNames()).hasSize(2).allSatisfy(name -> assertThat(chunkservers).contains(name));
      assertThat(b.getHosts()).containsOnly("127.0.0.1");
    }
    assertThat(fs.getFileBlockLocations(status, CHUNK + 10, 10)).extracting(BlockLocation::getOffset)
        .containsExactly((long) CHUNK);
    assertThat(fs.getFileBlockLocations(status, status.getLen(), 10)).isEmpty();
  }

  @Test
  void renameAnswersAsHdfsDoes() throws IOException {
    Path dir = new Path("/fs-test/rename");
    Path file = new Path(dir, "f");
    write(file, 10, (short) 1);
    fs.mkdirs(new Path(dir, "sub"));
    assertThat(fs.rename(file, file)).as("onto itself").isTrue();
    assertThat(fs.rename(file, dir)).as("into its own directory").isTrue();
    assertThat(fs.rename(dir, new Path(dir, "sub/inside"))).as("below itself").isFalse();
    assertThat(fs.rename(new Path("/"), new Path("/elsewhere"))).as("the root").isFalse();
    assertThat(fs.rename(file, new Path(dir, "sub"))).as("into a directory").isTrue();
    assertThat(fs.exists(new Path(dir, "sub/f"))).isTrue();
    assertThat(fs.exists(file)).isFalse();
  }

  @Test
  void statisticsCountOperationsAndBytes() throws IOException {
    StorageStatistics stats = fs.getStorageStatistics();
    long written = stats.getLong("bytesWritten");
    long read = stats.getLong("bytesRead");
    long writeOps = stats.getLong("writeOps");
    long readOps = stats.getLong("readOps");
    Path file = new Path("/fs-test/stats");
    byte[] data = write(file, 5000, (short) 1);
    try (FSDataInputStream in = fs.open(file)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(stats.getLong("bytesWritten") - written).isEqualTo(5000);
    assertThat(stats.getLong("bytesRead") - read).isEqualTo(5000);
    assertThat(stats.getLong("writeOps") - writeOps).isEqualTo(1);
    assertThat(stats.getLong("readOps") - readOps).isEqualTo(1);
  }

  @Test
  void permissionOwnerAndReplicationAreKept() throws IOException {
    Path file = new Path("/fs-test/attrs");
    write(file, 10, (short) 1);
    fs.setPermission(file, new FsPermission((short) 0640));
    fs.setOwner(file, "alice", "staff");
    assertThat(fs.setReplication(file, (short) 2)).isTrue();
    FileStatus s = fs.getFileStatus(file);
    assertThat(s.getPermission().toShort()).isEqualTo((short) 0640);
    assertThat(s.getOwner()).isEqualTo("alice");
    assertThat(s.getGroup()).isEqualTo("staff");
    assertThat(s.getReplication()).isEqualTo((short) 2);
    // As HDFS: directories and missing paths have no replication to set.
    assertThat(fs.setReplication(new Path("/fs-test"), (short) 2)).isFalse();
    assertThat(fs.setReplication(new Path("/fs-test/missing"), (short) 2)).isFalse();
  }

  @Test
  void newEntriesBelongToTheHadoopUserAndFollowTheUmask() throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.permissions.umask-mode", "077");
    Path open = new Path("/fs-test/open");
    fs.mkdirs(open);
    fs.setPermission(open, new FsPermission((short) 0777));   // carol may write only where the modes let her
    UserGroupInformation carol = UserGroupInformation.createRemoteUser("carol");
    try (FileSystem carolFs = carol.doAs((PrivilegedExceptionAction<FileSystem>)
        () -> FileSystem.newInstance(SharedCluster.uri(), conf))) {
      carolFs.mkdirs(new Path("/fs-test/open/carol"));
      carolFs.create(new Path("/fs-test/open/carol/file")).close();
      assertThatThrownBy(() -> carolFs.mkdirs(new Path("/fs-test/not-carols")))
          .isInstanceOf(AccessControlException.class).hasMessageContaining("permission denied: user=carol");
      assertThat(carolFs.getHomeDirectory().toUri().getPath()).isEqualTo("/user/carol");
    }
    FileStatus dir = fs.getFileStatus(new Path("/fs-test/open/carol"));
    FileStatus file = fs.getFileStatus(new Path("/fs-test/open/carol/file"));
    assertThat(dir.getOwner()).isEqualTo("carol");
    assertThat(file.getOwner()).isEqualTo("carol");
    assertThat(dir.getPermission().toShort()).isEqualTo((short) 0700);
    assertThat(file.getPermission().toShort()).isEqualTo((short) 0600);
  }

  @Test
  void contentSummaryCountsTheTree() throws IOException {
    write(new Path("/fs-test/du/a"), 1000, (short) 1);
    write(new Path("/fs-test/du/sub/b"), 3000, (short) 2);
    fs.mkdirs(new Path("/fs-test/du/sub/empty"));
    ContentSummary du = fs.getContentSummary(new Path("/fs-test/du"));
    assertThat(du.getLength()).isEqualTo(4000);
    assertThat(du.getFileCount()).isEqualTo(2);
    assertThat(du.getDirectoryCount()).isEqualTo(3);
    assertThat(du.getSpaceConsumed()).isEqualTo(1000 + 3000 * 2);
    assertThat(du.getQuota()).isEqualTo(-1);
  }

  @Test
  void hflushShowsBytesToNewReadersBeforeClose() throws IOException {
    Path file = new Path("/fs-test/flushed");
    try (FSDataOutputStream out = fs.create(file)) {
      assertThat(out.hasCapability(StreamCapabilities.HFLUSH)).isTrue();
      assertThat(out.hasCapability(StreamCapabilities.HSYNC)).isTrue();
      out.write("first".getBytes(StandardCharsets.UTF_8));
      out.hflush();
      try (FSDataInputStream in = fs.open(file)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
      }
    }
  }

  @Test
  void closingTheFileSystemCommitsFilesLeftOpen() throws IOException {
    Path file = new Path("/fs-test/left-open");
    FileSystem other = FileSystem.newInstance(SharedCluster.uri(), new Configuration());
    FSDataOutputStream out = other.create(file);
    out.write(new byte[] {1, 2, 3});
    other.close();
    assertThat(((BfsFileSystem) fs).client().stat("/fs-test/left-open").underConstruction()).isFalse();
    try (FSDataInputStream in = fs.open(file)) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void namesWithSpacesAndPercentSignsSurviveTheRoundTrip() throws IOException {
    Path file = new Path(new Path("/fs-test/odd names"), "a b%20c");
    byte[] data = write(file, 20, (short) 1);
    FileStatus[] listed = fs.listStatus(new Path("/fs-test/odd names"));
    assertThat(listed).extracting(s -> s.getPath().getName()).containsExactly("a b%20c");
    try (FSDataInputStream in = fs.open(listed[0].getPath())) {
      assertThat(Arrays.equals(in.readAllBytes(), data)).isTrue();
    }
  }

  @Test
  void whatBigFsLacksIsRefusedAndNotAdvertised() throws IOException {
    Path file = new Path("/fs-test/plain");
    write(file, 10, (short) 1);
    assertThatThrownBy(() -> fs.append(file)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fs.setTimes(file, 1, 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fs.concat(file, new Path[] {file})).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fs.truncate(file, 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(fs.hasPathCapability(file, CommonPathCapabilities.FS_PERMISSIONS)).isTrue();
    assertThat(fs.hasPathCapability(file, CommonPathCapabilities.FS_APPEND)).isFalse();
    assertThat(fs.hasPathCapability(file, CommonPathCapabilities.FS_CONCAT)).isFalse();
  }
}
