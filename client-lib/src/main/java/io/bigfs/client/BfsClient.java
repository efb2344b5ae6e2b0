package io.bigfs.client;

import io.bigfs.client.cache.CacheKey;
import io.bigfs.client.cache.CacheStats;
import io.bigfs.client.cache.FileCache;
import io.bigfs.client.impl.FileReader;
import io.bigfs.client.impl.LeaseRenewer;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.common.rpc.MasterChannels;
import io.bigfs.proto.AdminServiceGrpc;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.DigestStateRequest;
import io.bigfs.proto.IssueTokenReply;
import io.bigfs.proto.IssueTokenRequest;
import io.bigfs.proto.ListNodesReply;
import io.bigfs.proto.ListNodesRequest;
import io.bigfs.proto.MasterInfoRequest;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.RebalanceReply;
import io.bigfs.proto.RebalanceRequest;
import io.bigfs.proto.SetNodeStateReply;
import io.bigfs.proto.SetNodeStateRequest;
import io.bigfs.proto.StatusCode;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A connection to a BigFS cluster. Thread-safe; share one per process. Paths are absolute
 * ("/dir/file"). A call keeps retrying while the masters elect a new leader, so callers see
 * retries, not errors; what cannot succeed fails with a java.nio.file exception where one fits.
 *
 * <pre>{@code
 * try (BfsClient fs = BfsClient.connect("127.0.0.1:9860,127.0.0.1:9870,127.0.0.1:9880")) {
 *   fs.mkdirs("/docs");
 *   try (BfsOutputStream out = fs.create("/docs/hello.txt")) {
 *     out.write("hello".getBytes(StandardCharsets.UTF_8));
 *   }
 *   try (BfsInputStream in = fs.open("/docs/hello.txt")) {
 *     System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8));
 *   }
 * }
 * }</pre>
 */
public final class BfsClient implements Closeable {
  /** Modes of new entries before the umask, as in POSIX and HDFS. */
  private static final int FILE_MODE = 0666;
  private static final int DIRECTORY_MODE = 0777;

  private final BfsClientConfig config;
  private final MasterClient master;
  private final ChannelPool chunkservers;
  private final LeaseRenewer leases;
  /** Null unless the configuration turns the cache on. */
  private final FileCache cache;

  private BfsClient(BfsClientConfig config) {
    this.config = config;
    ClientSecurity security = config.security();
    this.master = new MasterClient(new MasterChannels(config.masters(), config.rpcTimeoutMs(), config.maxRetryMs(),
        security.masterTransport()), security.tokenUser().orElse(config.user()));
    this.chunkservers = new ChannelPool(security.chunkserverTransport());
    this.leases = new LeaseRenewer(master, config.leaseRenewMs());
    this.cache = config.cache().enabled() ? new FileCache(config.cache()) : null;
  }

  /** Connects to the masters given as "host:port,host:port,host:port". */
  public static BfsClient connect(String masters) throws BfsException {
    return connect(BfsClientConfig.of(masters));
  }

  public static BfsClient connect(BfsClientConfig config) {
    return new BfsClient(config);
  }

  public BfsClientConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ namespace

  public FileInfo stat(String path) throws IOException {
    return FileInfo.of(master.stat(normalize(path)));
  }

  public boolean exists(String path) throws IOException {
    try {
      stat(path);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** One page of a directory (a file lists as itself). */
  public DirectoryPage listPage(String path, String startAfter, int limit) throws IOException {
    QueryReply reply = master.list(normalize(path), startAfter == null ? "" : startAfter, limit);
    return new DirectoryPage(reply.getEntriesList().stream().map(FileInfo::of).toList(), reply.getHasMore());
  }

  /** Every entry of a directory, fetched page by page as the iteration proceeds. */
  public Iterator<FileInfo> listIterator(String path) throws IOException {
    String dir = normalize(path);
    DirectoryPage first = listPage(dir, "", 0);
    return new Iterator<>() {
      private DirectoryPage page = first;
      private int next;

      @Override
      public boolean hasNext() {
        if (next < page.entries().size()) {
          return true;
        }
        if (!page.hasMore()) {
          return false;
        }
        try {
          page = listPage(dir, page.lastName(), 0);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        next = 0;
        return !page.entries().isEmpty();
      }

      @Override
      public FileInfo next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.entries().get(next++);
      }
    };
  }

  /** Every entry of a directory, in name order. */
  public List<FileInfo> list(String path) throws IOException {
    List<FileInfo> all = new ArrayList<>();
    try {
      listIterator(path).forEachRemaining(all::add);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    return all;
  }

  /** Makes a directory and any missing parents; an existing directory is no error. */
  public FileInfo mkdirs(String path) throws IOException {
    return mkdirs(path, 0);
  }

  /**
   * Like {@link #mkdirs(String)}, with permission bits for the directories it makes (0: 0777),
   * less the umask; parents it makes also get owner write and execute.
   */
  public FileInfo mkdirs(String path, int mode) throws IOException {
    return FileInfo.of(master.mkdirs(normalize(path), masked(mode, DIRECTORY_MODE), true));
  }

  /** Makes one directory (0777 less the umask); its parent must exist and the path must be free. */
  public FileInfo mkdir(String path) throws IOException {
    return FileInfo.of(master.mkdirs(normalize(path), masked(0, DIRECTORY_MODE), false));
  }

  /** Deletes a file, or a directory (which must be empty unless {@code recursive}). */
  public void delete(String path, boolean recursive) throws IOException {
    master.delete(normalize(path), recursive);
  }

  /** Renames a file or directory; fails if {@code target} exists. */
  public FileInfo rename(String source, String target) throws IOException {
    return rename(source, target, false);
  }

  /** Renames; with {@code overwrite}, an existing target file or empty directory is replaced. */
  public FileInfo rename(String source, String target, boolean overwrite) throws IOException {
    return FileInfo.of(master.rename(normalize(source), normalize(target), overwrite));
  }

  public FileInfo setPermission(String path, int mode) throws IOException {
    return FileInfo.of(master.setPermission(normalize(path), mode));
  }

  /** Changes owner and/or group; pass null to leave one unchanged. */
  public FileInfo setOwner(String path, String owner, String group) throws IOException {
    return FileInfo.of(master.setOwner(normalize(path), owner, group));
  }

  public FileInfo setReplication(String path, int replication) throws IOException {
    return FileInfo.of(master.setReplication(normalize(path), replication));
  }

  // ------------------------------------------------------------------ data

  /** Creates a file for writing with the cluster's defaults; fails if it exists. */
  public BfsOutputStream create(String path) throws IOException {
    return create(path, CreateOptions.DEFAULT);
  }

  public BfsOutputStream create(String path, CreateOptions options) throws IOException {
    String p = normalize(path);
    // With data to follow, chunk 0 comes with the create: one Raft round fewer per file.
    MutateReply created = master.createForWriting(CreateOp.newBuilder()
        .setPath(p)
        .setFirstChunk(options.dataFollows())
        .setOverwrite(options.overwrite())
        .setReplication(options.replication())
        .setChunkSize(options.chunkSize())
        .setMode(masked(options.mode(), FILE_MODE))
        .setCreateParents(options.createParents())
        .setParentMode(masked(0, DIRECTORY_MODE))
        .build());
    return new BfsOutputStream(master, chunkservers, leases, FileInfo.of(created.getFile()),
        created.hasChunk() ? created.getChunk() : null);
  }

  /** Opens a file for reading (through the cache, when the client has one). */
  public BfsInputStream open(String path) throws IOException {
    return open(path, OpenOptions.DEFAULT);
  }

  /**
   * Opens a file for reading. With a cache ({@link BfsClientConfig#withCache}) and
   * {@link OpenOptions#cache()}, a closed file whose cached copy is of the same version is read
   * from the local disk; otherwise from the chunkservers, and kept in the cache if read to the end.
   */
  public BfsInputStream open(String path, OpenOptions options) throws IOException {
    String p = normalize(path);
    // Asking for locations (not stat) makes the masters check read permission now, even when
    // the bytes then come from the cache.
    QueryReply located = master.locations(p, 0, 1);
    FileInfo file = FileInfo.of(located.getFile());
    long chunkSize = Math.max(1, file.chunkSize());
    // A closed file of one chunk is wholly described by that reply: its reader need not ask again.
    boolean described = !file.underConstruction() && file.length() <= chunkSize;
    FileCache.RemoteOpener remote = () -> described
        ? new FileReader(master, chunkservers, p, chunkSize, located)
        : new FileReader(master, chunkservers, p, chunkSize);
    if (options.cache() && cache != null && cache.admits(file.length(), file.underConstruction())) {
      CacheKey key = new CacheKey(file.inodeId(), file.modifiedMs(), file.length());
      return new BfsInputStream(file, cache.open(key, p, remote));
    }
    return new BfsInputStream(file, remote.open());
  }

  /** What the cache did for this client (hits, misses, ...) and what its directory holds now. */
  public CacheStats cacheStats() throws IOException {
    return cache == null ? CacheStats.NONE : cache.clientStats();
  }

  /** The chunks of a file that overlap [offset, offset+length) (length 0: to the end), with replicas. */
  public List<ChunkInfo> chunks(String path, long offset, long length) throws IOException {
    return master.locations(normalize(path), offset, length).getChunksList().stream().map(ChunkInfo::of).toList();
  }

  // ------------------------------------------------------------------ admin

  /** The chunkservers as the leader sees them. */
  public List<NodeReport> nodes() throws IOException {
    ListNodesReply reply = master.channels().call((channel, timeoutMs) -> AdminServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
        .listNodes(ListNodesRequest.getDefaultInstance()), ListNodesReply::getStatus);
    Statuses.check(reply.getStatus(), null);
    return reply.getNodesList().stream().map(NodeReport::of).toList();
  }

  /**
   * Decommissions a chunkserver (named by id, uuid or host:port): it takes no new chunks, its
   * replicas are copied elsewhere, then it is retired. With {@code false}, puts it back in service.
   */
  public NodeReport decommission(String node, boolean decommission) throws IOException {
    SetNodeStateRequest request = SetNodeStateRequest.newBuilder().setNode(node).setDecommission(decommission)
        .setUser(config.user()).build();
    SetNodeStateReply reply = master.channels().call((channel, timeoutMs) -> AdminServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).setNodeState(request), SetNodeStateReply::getStatus);
    Statuses.check(reply.getStatus(), null);
    return NodeReport.of(reply.getNode());
  }

  /** What one rebalancing round did. */
  public record RebalanceRound(int movesStarted, double spreadBefore, int movesInFlight) {}

  /**
   * Starts one round of rebalancing: up to {@code maxMoves} replicas move from chunkservers whose
   * share of disk held in replicas is more than {@code threshold} percentage points above the mean.
   */
  public RebalanceRound rebalance(double threshold, int maxMoves) throws IOException {
    RebalanceRequest request = RebalanceRequest.newBuilder().setThreshold(threshold).setMaxMoves(maxMoves)
        .setUser(config.user()).build();
    RebalanceReply reply = master.channels().call((channel, timeoutMs) -> AdminServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).rebalance(request), RebalanceReply::getStatus);
    Statuses.check(reply.getStatus(), null);
    return new RebalanceRound(reply.getMovesStarted(), reply.getSpreadBefore(), reply.getMovesInFlight());
  }

  /** A user token issued by a master (token mode). */
  public record IssuedToken(String token, long expiresMs) {}

  /**
   * Token mode: asks a master for a user token naming {@code user}, valid for {@code ttlMs}
   * (0: the cluster's default). Only the superuser may ask.
   */
  public IssuedToken issueToken(String user, long ttlMs) throws IOException {
    IssueTokenRequest request = IssueTokenRequest.newBuilder().setSubject(user).setTtlMs(ttlMs).build();
    IssueTokenReply reply = master.channels().call((channel, timeoutMs) -> AdminServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).issueToken(request), IssueTokenReply::getStatus);
    if (!Statuses.isOk(reply.getStatus())) {
      // Not mapped to a java.nio.file exception: there is no file, and the reason is the message.
      throw new BfsException(reply.getStatus().getCode(), reply.getStatus().getMessage());
    }
    return new IssuedToken(reply.getToken(), reply.getExpiresMs());
  }

  /** Each master's own view of the Raft group, asked of each master in turn. */
  public List<MasterReport> masters() {
    return askEachMaster(3, (address, admin) -> MasterReport.of(address,
        admin.masterInfo(MasterInfoRequest.getDefaultInstance())), MasterReport::unreachable);
  }

  /** Each master's digest of its replicated state, asked of each master in turn. */
  public List<MasterDigest> digests() {
    return askEachMaster(10, (address, admin) -> MasterDigest.of(address,
        admin.digestState(DigestStateRequest.getDefaultInstance())), MasterDigest::unreachable);
  }

  /** Asks every master itself (no redirection to the leader); one that fails is {@code unreachable}. */
  private <T> List<T> askEachMaster(int timeoutSeconds,
                                    BiFunction<String, AdminServiceGrpc.AdminServiceBlockingStub, T> ask,
                                    BiFunction<String, String, T> unreachable) {
    List<T> answers = new ArrayList<>();
    for (String address : config.masters()) {
      try {
        answers.add(ask.apply(address, AdminServiceGrpc.newBlockingStub(master.channels().channel(address))
            .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)));
      } catch (RuntimeException e) {
        answers.add(unreachable.apply(address, e.getMessage()));
      }
    }
    return answers;
  }

  /** Retries caused by master failover so far (for tests and metrics). */
  public long masterRetries() {
    return master.channels().retries();
  }

  /**
   * The mode sent for a new entry: {@code requested} (0: {@code fallback}) less the umask, as
   * HDFS applies its umask. A mode the umask reduces to nothing is sent as 0, which the masters
   * read as their default (0644, 0755): 000 is set with chmod.
   */
  private int masked(int requested, int fallback) {
    return (requested == 0 ? fallback : requested) & ~config.umask();
  }

  /** Trailing slashes are dropped ("/a/b/" is "/a/b"); everything else is the masters' to judge. */
  static String normalize(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  @Override
  public void close() {
    leases.close();
    chunkservers.close();
    master.close();
  }
}
