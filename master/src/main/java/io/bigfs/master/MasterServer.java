package io.bigfs.master;

import io.bigfs.common.Lifecycle;
import io.bigfs.common.rpc.ChannelPool;
import io.bigfs.common.rpc.RpcServer;
import io.bigfs.common.security.ServerSecurity;
import io.bigfs.master.access.AuditLog;
import io.bigfs.master.access.GroupMapping;
import io.bigfs.master.access.Principals;
import io.bigfs.master.lease.LeaseMonitor;
import io.bigfs.master.lease.ReplicaLeaseRecovery;
import io.bigfs.master.node.ChunkJanitor;
import io.bigfs.master.node.NodeAdmin;
import io.bigfs.master.node.Rebalancer;
import io.bigfs.master.node.ReplicaCopier;
import io.bigfs.master.node.ReplicationMonitor;
import io.bigfs.master.node.CorruptReplicas;
import io.bigfs.master.node.Locator;
import io.bigfs.master.node.NodeTable;
import io.bigfs.master.node.PendingDeletes;
import io.bigfs.master.node.ReplicaMap;
import io.bigfs.master.node.ReplicaReports;
import io.bigfs.master.node.WrittenReplicas;
import io.bigfs.master.raft.MasterRaft;
import io.bigfs.master.raft.MasterStateMachine;
import io.bigfs.master.raft.Proposer;
import io.bigfs.master.rpc.Leadership;
import io.bigfs.master.rpc.MasterServices;
import io.bigfs.master.rpc.MasterTokens;
import io.bigfs.monitoring.Metrics;
import io.bigfs.monitoring.MetricsServer;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;

/**
 * One master: a stack of components started in order and closed in reverse. The Raft peer
 * starts before anything that serves clients, and stops after everything that could use it.
 */
public final class MasterServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterServer.class);

  /** How often the leader works through the queue of deleted chunks. */
  private static final long JANITOR_PERIOD_MS = 2000;

  private final Lifecycle lifecycle = new Lifecycle();
  private final MasterConfig config;
  private MasterRaft raft;
  private MasterStateMachine stateMachine;
  private NodeTable nodes;
  private ReplicaMap replicas;
  private CorruptReplicas corrupt;
  private RpcServer rpc;
  private MetricsServer http;

  private MasterServer(MasterConfig config) {
    this.config = config;
  }

  public static MasterServer start(MasterConfig config) throws IOException {
    MasterServer server = new MasterServer(config);
    try {
      server.startComponents();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void startComponents() throws IOException {
    Files.createDirectories(config.dataDir());
    // 1. metrics, first so that every component can register its meters; the TLS files and secret
    PrometheusMeterRegistry metrics = Metrics.newRegistry("master", config.id());
    ServerSecurity security = ServerSecurity.load(config.security(), "master " + config.id(),
        System::currentTimeMillis);
    // 1b. who may do what, and the audit log (open before anything that could write to it)
    Principals principals = new Principals(config.permissions(), config.permissions().groupsFile() == null
        ? GroupMapping.none() : GroupMapping.load(config.permissions().groupsFile()));
    AuditLog audit = lifecycle.add("audit-log", AuditLog.open(config.permissions().auditLog()));
    // 2. soft state about chunkservers
    nodes = new NodeTable(System::currentTimeMillis, config.deadAfterMs());
    replicas = new ReplicaMap();
    PendingDeletes deletes = new PendingDeletes(replicas);
    corrupt = new CorruptReplicas(replicas, deletes, metrics);
    NodeAdmin admin = new NodeAdmin(() -> stateMachine.namespace());
    ChannelPool chunkservers = lifecycle.add("chunkserver-channels", new ChannelPool(security.transport()));
    // 3. the Raft peer and its state machine over RocksDB
    stateMachine = new MasterStateMachine(config.dataDir().resolve("db"), config.rocksdbCacheBytes(),
        config.permissions().superuser(), new Locator(replicas, nodes, corrupt),
        leader -> {
          LOG.info("master {}: leader is now {}", config.id(), leader);
          if (leader != null && leader.toString().equals(config.id())) {
            nodes.requestFullReports();
          }
        },
        new WrittenReplicas(replicas).andThen(admin));
    raft = lifecycle.add("raft", new MasterRaft(config, stateMachine));
    raft.start();
    Leadership leadership = new Leadership(raft, config);
    // 4. the proposer that batches mutations into log entries
    Proposer proposer = lifecycle.add("proposer", new Proposer(raft::write, config.batchMaxCommands(),
        config.batchMaxInFlight(), leadership::rpcAddressOf, metrics));
    // 5. client, chunkserver and admin RPCs, with permission checks and the audit log
    ReplicaReports reports = new ReplicaReports(replicas, deletes, stateMachine::namespace, raft::isLeader);
    ReplicaCopier copier = lifecycle.add("replica-copier", new ReplicaCopier(chunkservers,
        config.replicationStreamsPerNode(), System::currentTimeMillis, metrics));
    Rebalancer rebalancer = new Rebalancer(stateMachine::namespace, replicas, nodes, admin, copier);
    MasterTokens tokens = new MasterTokens(security.signer().orElse(null), config.security().chunkTokenTtlMs(),
        config.security().userTokenTtlMs(), config.permissions().superuser(), System::currentTimeMillis);
    rpc = lifecycle.add("rpc", new RpcServer(config.self().host(), config.self().rpcPort(),
        MasterServices.create(new MasterServices.Parts(config, leadership, raft, stateMachine, proposer, nodes,
            admin, reports, deletes, corrupt, rebalancer, metrics, principals, audit, tokens)),
        security.serverCredentials(), MasterServices.interceptors(security), MasterServices.INLINE_METHODS));
    // 6. leader duties
    lifecycle.add("lease-monitor", new LeaseMonitor(raft, stateMachine, proposer,
        new ReplicaLeaseRecovery(stateMachine::namespace, replicas, nodes, chunkservers),
        System::currentTimeMillis, config.leaseExpiryMs()));
    lifecycle.add("chunk-janitor", new ChunkJanitor(stateMachine::namespace, replicas, deletes, raft::isLeaderReady,
        proposer::propose, System::currentTimeMillis, config.deadAfterMs(), JANITOR_PERIOD_MS));
    lifecycle.add("replication-monitor", new ReplicationMonitor(stateMachine::namespace, replicas, nodes, admin,
        deletes, corrupt, copier, rebalancer, raft::isLeaderReady, proposer::propose, System::currentTimeMillis,
        config.deadAfterMs(), config.replicationIntervalMs(), metrics));
    // 7. /metrics, /health, /ready
    MasterMetrics.register(metrics, raft, stateMachine, nodes, replicas);
    http = lifecycle.add("http", new MetricsServer(config.httpHost(), config.httpPort(), metrics,
        () -> raft.leaderId().isPresent(), () -> "leader " + raft.leaderId().orElse("unknown")));
    LOG.info("master {} serving clients on {}, raft on {}, metrics on http://{}:{}/metrics", config.id(),
        config.self().rpcAddress(), config.self().raftAddress(), config.httpHost(), http.port());
  }

  public MasterConfig config() {
    return config;
  }

  public MasterRaft raft() {
    return raft;
  }

  public MasterStateMachine stateMachine() {
    return stateMachine;
  }

  public NodeTable nodes() {
    return nodes;
  }

  public ReplicaMap replicas() {
    return replicas;
  }

  public CorruptReplicas corruptReplicas() {
    return corrupt;
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    lifecycle.close();
  }
}
