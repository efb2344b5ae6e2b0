package io.bigfs.it.monitoring;

import com.google.protobuf.ByteString;
import io.bigfs.chunkserver.ChunkServer;
import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.common.metrics.Sample;
import io.bigfs.common.metrics.Scrape;
import io.bigfs.common.rpc.Channels;
import io.bigfs.it.monitoring.MonitoringFiles.Query;
import io.bigfs.master.MasterConfig;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.bigfs.testing.ClusterMetrics;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work done on the cluster shows on its /metrics pages, moved by exactly the amount of work. */
class MetricsTest {
  static final int CHUNK = 256 * 1024;
  static final Duration DEADLINE = Duration.ofSeconds(20);
  static final int SNAPSHOT_EVERY = 25;
  static MiniCluster cluster;
  static BfsClient fs;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().chunkservers(3).master(MasterConfig.SNAPSHOT_THRESHOLD.name(), SNAPSHOT_EVERY)
        .start();
    fs = cluster.newClient();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** Requests of one kind the masters answered with OK: all of them, less the failed ones (redirects too). */
  static double ok(ClusterMetrics m, String op) {
    return m.masterSum("bfs_master_op_seconds_count", Map.of("op", op))
        - m.masterSum("bfs_master_op_failures_total", Map.of("op", op));
  }

  /** Waits until {@code f} has moved by {@code expected} since {@code before}. */
  static void awaitDelta(String what, ClusterMetrics before, double expected, ToDoubleFunction<ClusterMetrics> f) {
    double start = f.applyAsDouble(before);
    double[] last = {start};
    try {
      Wait.until(what + " to move by " + expected, DEADLINE, () -> {
        last[0] = f.applyAsDouble(ClusterMetrics.read(cluster));
        return last[0] - start == expected;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (it moved by " + (last[0] - start) + ")", e);
    }
  }

  @Test
  void namespaceOperationsAreCountedOnceEachAndTheTotalsFollow() throws IOException {
    ClusterMetrics before = ClusterMetrics.of(cluster);
    fs.mkdirs("/ns/a");
    fs.mkdirs("/ns/b");
    fs.rename("/ns/a", "/ns/c");
    fs.setPermission("/ns/c", 0700);
    fs.delete("/ns/b", false);
    for (int i = 0; i < 3; i++) {
      fs.stat("/ns/c");
    }
    fs.list("/ns");

    awaitDelta("mkdirs", before, 2, m -> ok(m, "mkdirs"));
    awaitDelta("rename", before, 1, m -> ok(m, "rename"));
    awaitDelta("set_permission", before, 1, m -> ok(m, "set_permission"));
    awaitDelta("delete", before, 1, m -> ok(m, "delete"));
    awaitDelta("stat", before, 3, m -> ok(m, "stat"));
    awaitDelta("list", before, 1, m -> ok(m, "list"));
    // /ns, /ns/a and /ns/b made, /ns/b deleted; every master applies the same log.
    awaitDelta("directories on the three masters", before, 3 * 2, m -> m.masterSum("bfs_master_directories", Map.of()));
    assertThat(before.leader().all("bfs_master_op_seconds_bucket", Map.of("op", "mkdirs")))
        .as("latencies are histograms").isNotEmpty();
  }

  /** Opening a closed file of one chunk asks a master once; its reader reuses that answer. */
  @Test
  void readingASmallFileAsksTheMastersForLocationsOnce() throws IOException {
    byte[] small = new byte[10_000];
    new Random(3).nextBytes(small);
    byte[] large = new byte[2 * CHUNK + 5];
    new Random(4).nextBytes(large);
    fs.mkdirs("/loc");
    for (var file : Map.of("/loc/small", small, "/loc/large", large).entrySet()) {
      try (BfsOutputStream out = fs.create(file.getKey(), CreateOptions.DEFAULT.withChunkSize(CHUNK))) {
        out.write(file.getValue());
      }
    }
    ClusterMetrics before = ClusterMetrics.of(cluster);
    try (BfsInputStream in = fs.open("/loc/small")) {
      assertThat(in.readAllBytes()).isEqualTo(small);
    }
    awaitDelta("locations for a small file", before, 1, m -> ok(m, "locations"));
    before = ClusterMetrics.of(cluster);
    try (BfsInputStream in = fs.open("/loc/large")) {
      assertThat(in.readAllBytes()).isEqualTo(large);
    }
    // Opening asks for the first chunk; the reader then asks for the locations of them all.
    awaitDelta("locations for a file of three chunks", before, 2, m -> ok(m, "locations"));
  }

  @Test
  void bytesAndRequestsOfWritesAndReadsAreCountedOnEveryReplica() throws IOException {
    int chunks = 4;
    byte[] data = new byte[(chunks - 1) * CHUNK + 1000];
    new Random(6).nextBytes(data);
    ClusterMetrics before = ClusterMetrics.of(cluster);
    try (BfsOutputStream out = fs.create("/io", CreateOptions.DEFAULT.withChunkSize(CHUNK).withDataFollowing(true))) {
      out.write(data);
    }

    long size = data.length;
    awaitDelta("bytes written on three replicas", before, 3 * size,
        m -> m.chunkserverSum("bfs_chunkserver_write_bytes_total", Map.of()));
    awaitDelta("bytes forwarded down the pipeline", before, 2 * size,
        m -> m.chunkserverSum("bfs_chunkserver_pipeline_forwarded_bytes_total", Map.of()));
    awaitDelta("replica writes", before, 3 * chunks,
        m -> m.chunkserverSum("bfs_chunkserver_requests_total", Map.of("op", "write", "status", "OK")));
    awaitDelta("replicas stored", before, 3 * chunks, m -> m.chunkserverSum("bfs_chunkserver_chunks", Map.of()));
    awaitDelta("create", before, 1, m -> ok(m, "create"));
    // Chunk 0 came with the create (data follows).
    awaitDelta("add_chunk", before, chunks - 1, m -> ok(m, "add_chunk"));
    awaitDelta("complete", before, 1, m -> ok(m, "complete"));
    awaitDelta("files on the leader", before, 1, m -> m.leader().sum("bfs_master_files"));
    awaitDelta("chunks on the leader", before, chunks, m -> m.leader().sum("bfs_master_chunks"));

    ClusterMetrics beforeRead = ClusterMetrics.of(cluster);
    byte[] back = new byte[data.length];
    try (BfsInputStream in = fs.open("/io")) {
      for (int c = 0; c < chunks; c++) {
        int at = c * CHUNK;
        in.readFully(at, back, at, Math.min(CHUNK, data.length - at));
      }
    }
    assertThat(back).isEqualTo(data);
    awaitDelta("bytes read", beforeRead, size, m -> m.chunkserverSum("bfs_chunkserver_read_bytes_total", Map.of()));
    awaitDelta("read requests", beforeRead, chunks,
        m -> m.chunkserverSum("bfs_chunkserver_requests_total", Map.of("op", "read", "status", "OK")));
    awaitDelta("read latencies", beforeRead, chunks,
        m -> m.chunkserverSum("bfs_chunkserver_read_request_seconds_count", Map.of()));
  }

  @Test
  void leasesCountWritersAndTheFilesTheyWriteUntilTheyClose() throws IOException {
    BfsClient writer = cluster.newClient();
    try (BfsOutputStream a = writer.create("/leased-a"); BfsOutputStream b = writer.create("/leased-b")) {
      a.write(new byte[1000]);
      b.write(new byte[1000]);
      a.hflush();
      b.hflush();
      Wait.until("every master to count one writer of two files", DEADLINE, () -> ClusterMetrics.read(cluster)
          .masters().stream().allMatch(s -> leases(s).equals(List.of(1.0, 2.0))));
    }
    Wait.until("every master to count no writer", DEADLINE, () -> ClusterMetrics.read(cluster).masters().stream()
        .allMatch(s -> leases(s).equals(List.of(0.0, 0.0))));
  }

  /** Lease holders and files under lease. */
  static List<Double> leases(Scrape page) {
    return List.of(page.value("bfs_master_lease_holders"), page.value("bfs_master_lease_files"));
  }

  @Test
  void aNodeBeingDecommissionedIsCountedUntilItIsRecommissioned() throws IOException {
    // Three chunkservers and three replicas of this file: there is nowhere to copy the leaving
    // node's replica to, so it stays decommissioning until it is taken back.
    try (BfsOutputStream out = fs.create("/held-everywhere")) {
      out.write(new byte[1000]);
    }
    String node = Integer.toString(cluster.chunkserver(2).nodeId());
    assertThat(fs.decommission(node, true).state()).isEqualTo("DECOMMISSIONING");
    try {
      Wait.until("the leader to count one node decommissioning", DEADLINE,
          () -> ClusterMetrics.read(cluster).leader().value("bfs_master_nodes_decommissioning") == 1);
    } finally {
      assertThat(fs.decommission(node, false).state()).isEqualTo("LIVE");
    }
    Wait.until("the leader to count none", DEADLINE,
        () -> ClusterMetrics.read(cluster).leader().value("bfs_master_nodes_decommissioning") == 0);
    assertThat(ClusterMetrics.read(cluster).leader().value("bfs_master_nodes_live")).isEqualTo(3);
  }

  @Test
  void aSnapshotShowsItsAgeAndSize() throws Exception {
    // Ratis snapshots only after enough entries, also when asked; one entry per mkdirs here.
    for (int i = 0; i < SNAPSHOT_EVERY + 5; i++) {
      fs.mkdirs("/snap/d" + i);
    }
    Scrape page = Wait.forValue("the leader's first snapshot", DEADLINE, () -> {
      Scrape p = ClusterMetrics.read(cluster).leader();
      return p.value("bfs_master_snapshot_index") > 0 ? p : null;
    });
    // NaN passes AssertJ's isPositive (it compares as larger than every number), hence isNotNaN.
    assertThat(page.value("bfs_master_snapshot_size_bytes")).isNotNaN().isPositive();
    assertThat(page.value("bfs_master_snapshot_age_seconds")).isNotNaN().isBetween(0.0, 60.0);
  }

  @Test
  void aDamagedPacketIsCountedAsAChecksumFailure() throws Exception {
    ChunkServer node = cluster.chunkserver(1);
    ClusterMetrics before = ClusterMetrics.of(cluster);
    WritePacket damaged = WritePacket.newBuilder().setSeq(0).setOffset(0)
        .setData(ByteString.copyFromUtf8("bytes that do not match")).addChecksums(42).build();
    assertThat(firstAck(node, WriteHeader.newBuilder().setChunkId(777_000).setVersion(1).build(), damaged))
        .isEqualTo(StatusCode.CORRUPT);
    awaitDelta("checksum failures", before, 1,
        m -> m.chunkserverSum("bfs_chunkserver_write_checksum_failures_total", Map.of()));
    awaitDelta("failed replica writes", before, 1,
        m -> m.chunkserverSum("bfs_chunkserver_requests_total", Map.of("op", "write", "status", "CORRUPT")));
  }

  @Test
  void everyDataDirectoryReportsItsDisk() throws IOException {
    ClusterMetrics m = ClusterMetrics.of(cluster);
    for (int i = 0; i < cluster.chunkserverCount(); i++) {
      Scrape page = m.chunkservers().get(i);
      for (Path dir : cluster.chunkserver(i).store().dirs()) {
        Map<String, String> tag = Map.of("dir", dir.toAbsolutePath().normalize().toString());
        List<Sample> capacity = page.all("bfs_chunkserver_disk_capacity_bytes", tag);
        List<Sample> used = page.all("bfs_chunkserver_disk_used_bytes", tag);
        assertThat(capacity).hasSize(1);
        assertThat(used).hasSize(1);
        assertThat(capacity.get(0).value()).isNotNaN().isPositive();
        assertThat(used.get(0).value()).isNotNaN().isPositive().isLessThanOrEqualTo(capacity.get(0).value());
      }
    }
  }

  /**
   * Every metric that a dashboard panel, a dashboard variable or an alert rule uses is exported:
   * a renamed meter would otherwise leave a panel empty and an alert silent, and neither Grafana
   * nor Prometheus would say so.
   */
  @Test
  void everyMetricTheDashboardsAndAlertRulesUseIsExported() throws IOException {
    List<Query> queries = MonitoringFiles.queries();
    // A reader that found no queries would pass whatever the files say.
    assertThat(queries).hasSizeGreaterThan(60);
    useEveryLazyMeter();
    try {
      Wait.until("every metric in use to be exported", DEADLINE,
          () -> MonitoringFiles.unexported(queries, ClusterMetrics.read(cluster).names()).isEmpty());
    } catch (AssertionError timedOut) {
      // The assertion below says which are missing.
    }
    assertThat(MonitoringFiles.unexported(queries, ClusterMetrics.read(cluster).names()))
        .as("metrics that no master or chunkserver exports, and where they are used").isEmpty();
  }

  /**
   * Some meters are made on first use: the timer of each namespace operation, the counter of a
   * failure status, the GC pause timer (at the first collection). The other tests may run later.
   */
  static void useEveryLazyMeter() throws IOException {
    byte[] data = "bytes to count".getBytes(StandardCharsets.UTF_8);
    try (BfsOutputStream out = fs.create("/lazy")) {
      out.write(data);
    }
    try (BfsInputStream in = fs.open("/lazy")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThatThrownBy(() -> fs.stat("/lazy-absent")).isInstanceOf(NoSuchFileException.class);
    System.gc();
  }

  /** Sends a header and one packet straight to a chunkserver; returns the status of its first answer. */
  static StatusCode firstAck(ChunkServer node, WriteHeader header, WritePacket packet) throws Exception {
    ManagedChannel channel = Channels.open(node.address());
    try {
      CompletableFuture<StatusCode> answer = new CompletableFuture<>();
      StreamObserver<WritePacket> out = ChunkServiceGrpc.newStub(channel).writeChunk(new StreamObserver<>() {
        @Override
        public void onNext(WriteAck ack) {
          answer.complete(ack.getStatus().getCode());
        }

        @Override
        public void onError(Throwable t) {
          answer.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
          answer.complete(StatusCode.OK);
        }
      });
      out.onNext(WritePacket.newBuilder().setHeader(header).build());
      out.onNext(packet);
      StatusCode code = answer.get(20, TimeUnit.SECONDS);
      out.onCompleted();
      return code;
    } finally {
      Channels.close(channel);
    }
  }
}
