package io.bigfs.chunkserver;

import io.bigfs.chunkserver.heartbeat.Heartbeats;
import io.bigfs.chunkserver.rpc.ChunkAccess;
import io.bigfs.chunkserver.rpc.ChunkRpc;
import io.bigfs.chunkserver.rpc.DataMetrics;
import io.bigfs.chunkserver.scrub.Scrubber;
import io.bigfs.chunkserver.storage.ChunkStore;
import io.bigfs.common.Lifecycle;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.common.rpc.MasterChannels;
import io.bigfs.common.rpc.RpcServer;
import io.bigfs.common.security.ServerSecurity;
import io.bigfs.proto.TokenKind;
import io.bigfs.monitoring.Metrics;
import io.bigfs.monitoring.MetricsServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * One chunkserver: storage, then the data endpoint, then the reports to the masters (a node
 * registers only once it can serve), then /metrics. Closed in reverse.
 */
public final class ChunkServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkServer.class);

  /** A chunkserver started before its masters waits for them this long before giving up. */
  private static final long REGISTRATION_WAIT_MS = 24L * 3600 * 1000;

  private final Lifecycle lifecycle = new Lifecycle();
  private final ChunkserverConfig config;
  private ChunkStore store;
  private RpcServer rpc;
  private Heartbeats heartbeats;
  private MetricsServer http;

  private ChunkServer(ChunkserverConfig config) {
    this.config = config;
  }

  public static ChunkServer start(ChunkserverConfig config) throws IOException {
    ChunkServer server = new ChunkServer(config);
    try {
      server.startComponents();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void startComponents() throws IOException {
    // 1. metrics
    PrometheusMeterRegistry metrics = Metrics.newRegistry("chunkserver", config.host() + ":" + config.port());
    // 2. storage
    store = ChunkStore.open(config.dataDirs(), config.maxFullness(), config.capacityBytes(),
        config.directIo());
    // 3. the data endpoint, where token mode lets in service tokens, or chunk tokens checked per request
    ServerSecurity security = ServerSecurity.load(config.security(), "chunkserver on " + config.host(),
        System::currentTimeMillis);
    ChannelPool peers = lifecycle.add("peer-channels", new ChannelPool(security.transport()));
    ChunkRpc chunkRpc = new ChunkRpc(store, peers, new DataMetrics(metrics),
        new ChunkAccess(security.signer().orElse(null), security.clock()));
    rpc = lifecycle.add("rpc", new RpcServer(config.host(), config.port(), List.of(chunkRpc),
        security.serverCredentials(), security.interceptors(service -> Set.of(TokenKind.TOKEN_SERVICE), false),
        ChunkRpc.INLINE_METHODS));
    String address = config.host() + ":" + rpc.port();
    // 4. reports to the masters
    MasterChannels masters = lifecycle.add("master-channels",
        new MasterChannels(config.masters(), 5_000, REGISTRATION_WAIT_MS, security.transport()));
    heartbeats = lifecycle.add("heartbeats", new Heartbeats(store, masters,
        new Heartbeats.Settings(address, config.rack(), config.heartbeatIntervalMs(),
            config.blockReportIntervalMs()),
        chunkRpc::activeTransfers, this::deleteOnOrder));
    heartbeats.start();
    chunkRpc.reportCorruptTo(heartbeats::reportCorrupt);
    // 5. the scrubber, once the node can report what it finds
    lifecycle.add("scrubber", new Scrubber(store, heartbeats::reportCorrupt, config.scrubBytesPerSecond(),
        config.scrubPauseMs(), metrics));
    // 6. /metrics, /health, /ready
    Gauge.builder("bfs.chunkserver.chunks", store, ChunkStore::count)
        .description("Replicas stored on this node").register(metrics);
    DiskMetrics.register(metrics, store.dirs());
    http = lifecycle.add("http", new MetricsServer(config.httpHost(), config.httpPort(), metrics,
        () -> heartbeats.nodeId() > 0, () -> "node " + heartbeats.nodeId()));
    LOG.info("chunkserver {} (node {}) serving on {}, metrics on http://{}:{}/metrics", store.uuid(),
        heartbeats.nodeId(), address, config.httpHost(), http.port());
  }

  /** The leader ordered a replica deleted (its file is gone, or the replica is stale or corrupt). */
  private void deleteOnOrder(long chunkId) {
    try {
      if (store.delete(chunkId)) {
        LOG.debug("deleted chunk {} on the master's order", chunkId);
      }
    } catch (IOException e) {
      LOG.warn("could not delete chunk {}: {}", chunkId, e.getMessage());
    }
  }

  public ChunkStore store() {
    return store;
  }

  public int nodeId() {
    return heartbeats.nodeId();
  }

  public String address() {
    return config.host() + ":" + rpc.port();
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
