package io.bigfs.testing;

import io.bigfs.chunkserver.ChunkServer;
import io.bigfs.chunkserver.storage.Replica;
import io.bigfs.chunkserver.ChunkserverConfig;
import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsClientConfig;
import io.bigfs.client.ClientSecurity;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.FileTrees;
import io.bigfs.common.config.Config;
import io.bigfs.common.rpc.MasterChannels;
import io.bigfs.common.security.SecurityConfig;
import io.bigfs.common.security.TokenSigner;
import io.bigfs.common.security.TokenText;
import io.bigfs.master.MasterConfig;
import io.bigfs.master.MasterPeer;
import io.bigfs.master.MasterServer;
import io.bigfs.proto.TokenKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A whole cluster in one JVM: three masters (real Ratis peers, real RocksDB in temp
 * directories) and N chunkservers, all on 127.0.0.1 with free ports. Nodes can be killed,
 * restarted and wiped; the cluster stays the same cluster (same ports, same directories).
 */
public final class MiniCluster implements AutoCloseable {
  private final Path root;
  private final boolean ownsRoot;
  private final List<MasterPeer> peers = new ArrayList<>();
  private final MasterServer[] masters;
  private final List<ChunkServer> chunkservers = new ArrayList<>();
  private final List<Path> chunkserverDirs = new ArrayList<>();
  private final List<Integer> chunkserverPorts = new ArrayList<>();
  private final List<Map<String, String>> ownSettings = new ArrayList<>();
  private final Map<String, String> masterSettings;
  private final Map<String, String> chunkserverSettings;
  private final List<AutoCloseable> clients = new ArrayList<>();
  /** Null unless the cluster runs with TLS. */
  private final TestCertificates certificates;
  /** Null unless the cluster runs in token mode. */
  private final TokenSigner signer;

  private MiniCluster(Builder b) throws IOException {
    this.root = b.dir != null ? b.dir : Files.createTempDirectory("bfs-mini-");
    this.ownsRoot = b.dir == null;
    Map<String, String> security = new HashMap<>();
    this.certificates = b.tls ? TestCertificates.create(root.resolve("tls")) : null;
    if (certificates != null) {
      security.put(SecurityConfig.TLS.name(), "true");
      security.put(SecurityConfig.TLS_CERT.name(), certificates.cert().toString());
      security.put(SecurityConfig.TLS_KEY.name(), certificates.key().toString());
      security.put(SecurityConfig.TLS_CA.name(), certificates.ca().toString());
    }
    this.signer = b.tokens ? writeSecret(secretFile(), security) : null;
    this.masterSettings = new HashMap<>(security);
    this.masterSettings.putAll(b.masterSettings);
    this.chunkserverSettings = new HashMap<>(security);
    this.chunkserverSettings.putAll(b.chunkserverSettings);
    this.masters = new MasterServer[b.masters];
    for (int i = 0; i < b.masters; i++) {
      peers.add(new MasterPeer("m" + (i + 1), "127.0.0.1", Ports.free(), Ports.free()));
    }
  }

  /**
   * The user of the cluster's clients, and the masters' superuser: the user running the tests,
   * as for Hadoop programs (the adapter's tests act as that user), so tests that do not care
   * about permissions pass every check. Permission tests act as other users with
   * {@code newClient(c -> c.withUser("bob"))}.
   */
  public static final String USER = System.getProperty("user.name");

  public static Builder builder() {
    return new Builder();
  }

  /** A fresh random cluster secret, readable by its owner only; sets token mode in {@code settings}. */
  private static TokenSigner writeSecret(Path file, Map<String, String> settings) throws IOException {
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    Files.createDirectories(file.getParent());
    Files.writeString(file, Base64.getEncoder().encodeToString(random) + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; a temp directory of the test anyway
    }
    settings.put(SecurityConfig.AUTH.name(), "token");
    settings.put(SecurityConfig.SECRET_FILE.name(), file.toString());
    return TokenSigner.fromFile(file);
  }

  /** Settings for a cluster under test: short timeouts, small chunks. */
  public static final class Builder {
    private int masters = 3;
    private int chunkservers = 3;
    private Path dir;
    private boolean tls;
    private boolean tokens;
    private final Map<String, String> masterSettings = new HashMap<>(Map.of(
        MasterConfig.ELECTION_MIN.name(), "600",
        MasterConfig.ELECTION_MAX.name(), "1200",
        MasterConfig.DEAD_AFTER.name(), "3000",
        MasterConfig.CHUNK_SIZE.name(), "1m",
        MasterConfig.ROCKSDB_CACHE.name(), "8m",
        MasterConfig.REPLICATION_INTERVAL.name(), "500",
        MasterConfig.SUPERUSER.name(), USER));
    private final Map<String, String> chunkserverSettings = new HashMap<>(Map.of(
        ChunkserverConfig.HEARTBEAT.name(), "300"));

    public Builder masters(int n) {
      this.masters = n;
      return this;
    }

    public Builder chunkservers(int n) {
      this.chunkservers = n;
      return this;
    }

    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    /**
     * TLS on every port, Raft included, with a CA and certificate made for this cluster
     * ({@link TestCertificates}); the cluster's clients trust that CA and present the certificate.
     */
    public Builder tls() {
      this.tls = true;
      return this;
    }

    /**
     * Token mode with a fresh random secret: the cluster's clients carry a user token of
     * "tester"; {@link MiniCluster#userToken} makes others.
     */
    public Builder tokens() {
      this.tokens = true;
      return this;
    }

    public Builder master(String key, Object value) {
      masterSettings.put(key, value.toString());
      return this;
    }

    public Builder chunkserver(String key, Object value) {
      chunkserverSettings.put(key, value.toString());
      return this;
    }

    public MiniCluster start() throws IOException {
      MiniCluster cluster = new MiniCluster(this);
      try {
        cluster.startAll(chunkservers);
      } catch (IOException | RuntimeException e) {
        cluster.close();
        throw e;
      }
      return cluster;
    }
  }

  private void startAll(int chunkserverCount) throws IOException {
    List<CompletableFuture<Void>> starting = new ArrayList<>();
    for (int i = 0; i < masters.length; i++) {
      int index = i;
      starting.add(CompletableFuture.runAsync(() -> startMaster(index)));
    }
    starting.forEach(CompletableFuture::join);
    waitForLeader(Duration.ofSeconds(30));
    for (int i = 0; i < chunkserverCount; i++) {
      addChunkserver();
    }
  }

  // ---------------------------------------------------------------- masters

  public String masterAddresses() {
    return MasterPeer.rpcAddresses(peers);
  }

  public List<String> masterAddressList() {
    return peers.stream().map(MasterPeer::rpcAddress).toList();
  }

  public MasterConfig masterConfig(int i) {
    Config c = Config.empty()
        .withAll(masterSettings)
        .with(MasterConfig.ID.name(), peers.get(i).id())
        .with(MasterConfig.PEERS.name(), peersSetting())
        .with(MasterConfig.DATA_DIR.name(), masterDir(i).toString());
    return MasterConfig.from(c);
  }

  private String peersSetting() {
    return String.join(",", peers.stream()
        .map(p -> p.id() + "=" + p.host() + ":" + p.rpcPort() + ":" + p.raftPort()).toList());
  }

  public Path masterDir(int i) {
    return root.resolve("master-" + (i + 1));
  }

  public void startMaster(int i) {
    if (masters[i] != null) {
      throw new IllegalStateException("master " + i + " is running");
    }
    try {
      masters[i] = MasterServer.start(masterConfig(i));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops a master at once (in-process, the nearest thing to a kill). */
  public void killMaster(int i) {
    MasterServer m = masters[i];
    masters[i] = null;
    if (m != null) {
      m.close();
    }
  }

  public void restartMaster(int i) {
    killMaster(i);
    startMaster(i);
  }

  /** Deletes a stopped master's whole data directory (Raft log, snapshots, RocksDB). */
  public void wipeMaster(int i) throws IOException {
    if (masters[i] != null) {
      throw new IllegalStateException("stop master " + i + " before wiping it");
    }
    FileTrees.delete(masterDir(i));
  }

  public MasterServer master(int i) {
    return masters[i];
  }

  public int masterCount() {
    return masters.length;
  }

  /** Index of the master that leads and is ready, or -1. */
  public int leaderIndex() {
    for (int i = 0; i < masters.length; i++) {
      if (masters[i] != null && masters[i].raft().isLeaderReady()) {
        return i;
      }
    }
    return -1;
  }

  public int waitForLeader(Duration timeout) {
    Wait.until("a master leader", timeout, () -> leaderIndex() >= 0);
    return leaderIndex();
  }

  // ---------------------------------------------------------------- chunkservers

  public ChunkServer addChunkserver() throws IOException {
    return addChunkserver(Map.of());
  }

  /** Adds a chunkserver with some settings of its own, e.g. a tiny fullness limit. */
  public ChunkServer addChunkserver(String key, String value) throws IOException {
    return addChunkserver(Map.of(key, value));
  }

  private ChunkServer addChunkserver(Map<String, String> own) throws IOException {
    int i = chunkservers.size();
    ownSettings.add(own);
    chunkserverDirs.add(root.resolve("chunkserver-" + (i + 1)));
    chunkserverPorts.add(Ports.free());
    chunkservers.add(null);
    startChunkserver(i);
    return chunkservers.get(i);
  }

  public ChunkserverConfig chunkserverConfig(int i) {
    Config c = Config.empty()
        .withAll(chunkserverSettings)
        .withAll(ownSettings.get(i))
        .with(ChunkserverConfig.DATA_DIRS.name(), chunkserverDirs.get(i).resolve("data").toString())
        .with(ChunkserverConfig.MASTERS.name(), masterAddresses())
        .with(ChunkserverConfig.PORT.name(), chunkserverPorts.get(i).toString());
    return ChunkserverConfig.from(c);
  }

  public void startChunkserver(int i) throws IOException {
    if (chunkservers.get(i) != null) {
      throw new IllegalStateException("chunkserver " + i + " is running");
    }
    chunkservers.set(i, ChunkServer.start(chunkserverConfig(i)));
  }

  public void killChunkserver(int i) {
    ChunkServer c = chunkservers.get(i);
    chunkservers.set(i, null);
    if (c != null) {
      c.close();
    }
  }

  public void restartChunkserver(int i) throws IOException {
    killChunkserver(i);
    startChunkserver(i);
  }

  public ChunkServer chunkserver(int i) {
    return chunkservers.get(i);
  }

  public int chunkserverCount() {
    return chunkservers.size();
  }

  /** The index of the running chunkserver that has this node id. */
  public int indexOfNode(int nodeId) {
    for (int i = 0; i < chunkservers.size(); i++) {
      if (chunkservers.get(i) != null && chunkservers.get(i).nodeId() == nodeId) {
        return i;
      }
    }
    throw new AssertionError("no running chunkserver with node id " + nodeId);
  }

  /** The data file of a chunk's finished replica on a running chunkserver. */
  public Path replicaFile(int nodeId, long chunkId) {
    Replica r = chunkserver(indexOfNode(nodeId)).store().get(chunkId);
    if (r == null || !r.finalized()) {
      throw new AssertionError("node " + nodeId + " has no finished replica of chunk " + chunkId);
    }
    return r.dataFile();
  }

  // ---------------------------------------------------------------- clients

  // ---------------------------------------------------------------- security

  /** The cluster's CA and node certificate, or null without TLS. */
  public TestCertificates certificates() {
    return certificates;
  }

  /** The file holding the cluster secret (token mode), as security.secret.file names it. */
  public Path secretFile() {
    return root.resolve("secret");
  }

  /** A user token signed with the cluster secret (token mode only). */
  public String userToken(String user, Duration ttl) {
    return token(TokenKind.TOKEN_USER, user, System.currentTimeMillis() + ttl.toMillis(), 0);
  }

  /** Any token, valid until {@code expiresMs} (past for an expired one), signed with the cluster secret. */
  public String token(TokenKind kind, String user, long expiresMs, long chunkId) {
    if (signer == null) {
      throw new IllegalStateException("the cluster does not run in token mode (MiniCluster.builder().tokens())");
    }
    return TokenText.encode(signer.sign(kind, user, expiresMs, chunkId));
  }

  /** What the cluster's clients use: its CA and certificate with TLS, a token of {@link #USER} in token mode. */
  public ClientSecurity clientSecurity() {
    ClientSecurity security = ClientSecurity.NONE;
    if (certificates != null) {
      security = ClientSecurity.tls(certificates.ca()).withClientCertificate(certificates.cert(), certificates.key());
    }
    if (signer != null) {
      security = security.withToken(userToken(USER, Duration.ofDays(1)));
    }
    return security;
  }

  /** A client of the whole cluster (namespace and data); closed with the cluster. */
  public BfsClient newClient() {
    return newClient(config -> config);
  }

  /** A client with settings of its own (a cache, say); closed with the cluster. */
  public BfsClient newClient(UnaryOperator<BfsClientConfig> settings) {
    BfsClient client = BfsClient.connect(
        settings.apply(new BfsClientConfig(masterAddressList(), USER, 10_000, 60_000, 1_000)
            .withSecurity(clientSecurity())));
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  /** A namespace client that follows the leader; closed with the cluster. */
  public MasterClient newMasterClient() {
    return newMasterClient(masterAddressList());
  }

  /** A namespace client bound to the given masters only. */
  public MasterClient newMasterClient(List<String> addresses) {
    MasterClient client = new MasterClient(new MasterChannels(addresses, 10_000, 60_000,
        clientSecurity().masterTransport()), USER);
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    synchronized (clients) {
      clients.forEach(c -> {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing anyway
        }
      });
    }
    for (int i = 0; i < chunkservers.size(); i++) {
      killChunkserver(i);
    }
    for (int i = 0; i < masters.length; i++) {
      killMaster(i);
    }
    if (ownsRoot) {
      try {
        FileTrees.delete(root);
      } catch (IOException ignored) {
        // a temp directory; the OS cleans it eventually
      }
    }
  }
}
