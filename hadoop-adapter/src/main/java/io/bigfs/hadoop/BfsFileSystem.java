package io.bigfs.hadoop;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.client.FileInfo;
import io.bigfs.common.BfsPaths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.GlobalStorageStatistics;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.StorageStatistics;
import org.apache.hadoop.fs.impl.PathCapabilitiesSupport;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.Progressable;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.EnumSet;
import java.util.List;

/**
 * BigFS as a Hadoop FileSystem for {@code bfs://} URIs, with HDFS's semantics: create makes missing
 * parents and overwrites only when asked, rename follows HDFS's rules (see {@link HdfsRename}),
 * delete of a missing path returns false, block locations name the chunkservers holding each
 * chunk. BigFS has no append, concat, truncate, settable times, symlinks or extended attributes;
 * those calls throw UnsupportedOperationException. One {@link BfsClient} per instance, acting as
 * the Hadoop user who created it. See {@link AdapterConfig} for the configuration keys.
 *
 * <p>Longer than our usual class because Hadoop's API is wide: one short method per operation,
 * each counting itself in the file system's statistics; the work lives in the helpers.
 */
public class BfsFileSystem extends FileSystem {
  public static final String SCHEME = "bfs";

  private URI uri;
  private AdapterConfig config;
  private BfsClient client;
  private String user;
  private Path workingDir;
  private final OpenWriters writers = new OpenWriters();

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    setConf(conf);
    this.uri = URI.create(SCHEME + "://" + (name.getAuthority() == null ? "" : name.getAuthority()) + "/");
    this.config = AdapterConfig.from(name, conf);
    this.user = UserGroupInformation.getCurrentUser().getShortUserName();
    // The client applies Hadoop's umask (fs.permissions.umask-mode) to every new file and directory.
    this.client = BfsClient.connect(config.clientConfig(user).withUmask(FsPermission.getUMask(conf).toShort()));
    this.workingDir = getHomeDirectory();
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return uri;
  }

  /** The client this file system uses (for programs that want BigFS calls Hadoop lacks). */
  public BfsClient client() {
    return client;
  }

  // ------------------------------------------------------------------ reading

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    statistics.incrementReadOps(1);
    try {
      return new FSDataInputStream(new BfsFsInputStream(client.open(pathOf(f)), statistics));
    } catch (IOException e) {
      throw HadoopErrors.open(e, f);
    }
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    return read(f, path -> HadoopTypes.status(client.stat(path), uri));
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    statistics.incrementLargeReadOps(1);
    List<FileInfo> entries = translated(f, client::list);
    FileStatus[] out = new FileStatus[entries.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = HadoopTypes.status(entries.get(i), uri);
    }
    return out;
  }

  @Override
  public RemoteIterator<FileStatus> listStatusIterator(Path f) throws IOException {
    statistics.incrementLargeReadOps(1);
    return new PagedListing(translated(f, client::listIterator), f, uri);
  }

  @Override
  public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len) throws IOException {
    if (file == null) {
      return null;
    }
    if (start < 0 || len < 0) {
      throw new IllegalArgumentException("Invalid start or len parameter: " + start + ", " + len);
    }
    if (file.isDirectory() || file.getLen() <= start) {
      return new BlockLocation[0];
    }
    // The client reads length 0 as "to the end"; HDFS answers a 0-length query with the chunk at start.
    return read(file.getPath(), path -> HadoopTypes.locations(client.chunks(path, start, Math.max(1, len))));
  }

  @Override
  public ContentSummary getContentSummary(Path f) throws IOException {
    return read(f, path -> ContentSummaries.of(client, path));
  }

  /** Capacity, bytes used and free space of the live chunkservers. */
  @Override
  public FsStatus getStatus(Path p) throws IOException {
    statistics.incrementReadOps(1);
    return HadoopTypes.fsStatus(client.nodes());
  }

  // ------------------------------------------------------------------ writing

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                   short replication, long blockSize, Progressable progress) throws IOException {
    return create(f, permission, overwrite, replication, blockSize, true);
  }

  @Override
  public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, EnumSet<CreateFlag> flags,
                                               int bufferSize, short replication, long blockSize,
                                               Progressable progress) throws IOException {
    if (flags.contains(CreateFlag.APPEND)) {
      throw unsupported("append");
    }
    return create(f, permission, flags.contains(CreateFlag.OVERWRITE), replication, blockSize, false);
  }

  private FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, short replication,
                                    long blockSize, boolean createParents) throws IOException {
    statistics.incrementWriteOps(1);
    CreateOptions options = CreateOptions.DEFAULT
        .withOverwrite(overwrite)
        .withReplication(replication)
        .withChunkSize(blockSize)
        .withMode(mode(permission))
        .withCreateParents(createParents);
    BfsOutputStream out;
    try {
      out = client.create(pathOf(f), options);
    } catch (IOException e) {
      throw HadoopErrors.create(e, f);
    }
    BfsFsOutputStream stream = new BfsFsOutputStream(out, writers::closed);
    writers.opened(stream);
    return new FSDataOutputStream(stream, statistics);
  }

  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) {
    throw unsupported("append");
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    statistics.incrementWriteOps(1);
    try {
      client.mkdirs(pathOf(f), mode(permission));
      return true;
    } catch (IOException e) {
      throw HadoopErrors.create(e, f);
    }
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    String target = pathOf(dst);
    return write(src, path -> HdfsRename.rename(client, path, target));
  }

  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    statistics.incrementWriteOps(1);
    String path = pathOf(f);
    try {
      if (path.equals(BfsPaths.ROOT)) {
        return deleteRoot(recursive);
      }
      client.delete(path, recursive);
      return true;
    } catch (NoSuchFileException | NotDirectoryException e) {
      return false;
    } catch (IOException e) {
      throw HadoopErrors.lookup(e, f);
    }
  }

  /** As HDFS: the root is never deleted (false), but a non-recursive delete of a full root is an error. */
  private boolean deleteRoot(boolean recursive) throws IOException {
    if (!recursive && client.stat(BfsPaths.ROOT).children() > 0) {
      throw new PathIsNotEmptyDirectoryException(BfsPaths.ROOT);
    }
    return false;
  }

  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    write(p, path -> client.setPermission(path, permission.toShort()));
  }

  @Override
  public void setOwner(Path p, String username, String groupname) throws IOException {
    write(p, path -> client.setOwner(path, username, groupname));
  }

  /** As HDFS: false for a directory or a missing path, which have no replication to set. */
  @Override
  public boolean setReplication(Path src, short replication) throws IOException {
    statistics.incrementWriteOps(1);
    try {
      FileInfo file = client.stat(pathOf(src));
      if (file.directory()) {
        return false;
      }
      client.setReplication(file.path(), replication);
      return true;
    } catch (NoSuchFileException | NotDirectoryException e) {
      return false;
    } catch (IOException e) {
      throw HadoopErrors.lookup(e, src);
    }
  }

  @Override
  public void setTimes(Path p, long mtime, long atime) {
    throw unsupported("setTimes");
  }

  // ------------------------------------------------------------------ paths and defaults

  @Override
  public Path getWorkingDirectory() {
    return workingDir;
  }

  @Override
  public void setWorkingDirectory(Path dir) {
    workingDir = makeQualified(dir);
  }

  @Override
  public Path getHomeDirectory() {
    return makeQualified(new Path("/user/" + user));
  }

  @Override
  public long getDefaultBlockSize() {
    return config.blockSize();
  }

  @Override
  public short getDefaultReplication() {
    return config.replication();
  }

  /** The counters Hadoop keeps for every bfs:// file system of this JVM (bytes, read and write operations). */
  @Override
  public StorageStatistics getStorageStatistics() {
    return GlobalStorageStatistics.INSTANCE.get(SCHEME);
  }

  /** No delegation tokens: BigFS trusts the user name a client gives (simple mode). */
  @Override
  public String getCanonicalServiceName() {
    return null;
  }

  @Override
  public boolean hasPathCapability(Path path, String capability) throws IOException {
    if (CommonPathCapabilities.FS_PERMISSIONS.equals(
        PathCapabilitiesSupport.validatePathCapabilityArgs(makeQualified(path), capability))) {
      return true;
    }
    return super.hasPathCapability(path, capability);
  }

  /** Closes the streams left open (committing their files), then the client. */
  @Override
  public void close() throws IOException {
    try {
      writers.closeAll();
      super.close();
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  @Override
  public String toString() {
    return "BfsFileSystem{" + uri + ", user=" + user + "}";
  }

  /** A call on one BigFS path. */
  @FunctionalInterface
  private interface OnPath<T> {
    T call(String path) throws IOException;
  }

  /** Runs a call on {@code f}'s path as one read operation, its failures translated for lookups. */
  private <T> T read(Path f, OnPath<T> call) throws IOException {
    statistics.incrementReadOps(1);
    return translated(f, call);
  }

  /** Runs a call on {@code f}'s path as one write operation, its failures translated for lookups. */
  private <T> T write(Path f, OnPath<T> call) throws IOException {
    statistics.incrementWriteOps(1);
    return translated(f, call);
  }

  private <T> T translated(Path f, OnPath<T> call) throws IOException {
    try {
      return call.call(pathOf(f));
    } catch (IOException e) {
      throw HadoopErrors.lookup(e, f);
    }
  }

  /** The BigFS path of a Hadoop path: qualified against this file system and the working directory. */
  private String pathOf(Path f) {
    return makeQualified(f).toUri().getPath();
  }

  /** The mode asked for, before the umask; none (0) leaves the default, 0666 or 0777, to the client. */
  private static short mode(FsPermission permission) {
    return permission == null ? 0 : permission.toShort();
  }

  private UnsupportedOperationException unsupported(String operation) {
    return new UnsupportedOperationException(SCHEME + ": BigFS does not support " + operation);
  }
}
