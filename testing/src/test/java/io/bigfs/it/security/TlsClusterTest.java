package io.bigfs.it.security;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ClientSecurity;
import io.bigfs.common.BfsException;
import io.bigfs.common.rpc.Channels;
import io.bigfs.common.security.SecurityConfig;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.StatQuery;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.TestCertificates;
import io.bigfs.testing.Wait;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster with TLS on every port and mutual TLS demanded: clients, chunkservers (heartbeats,
 * the write pipeline) and the masters' Raft all work over it, and callers without the CA, without
 * a certificate, or speaking plaintext are refused.
 */
class TlsClusterTest {
  static MiniCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().tls()
        .master(SecurityConfig.TLS_CLIENT_AUTH.name(), true)
        .chunkserver(SecurityConfig.TLS_CLIENT_AUTH.name(), true)
        .start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void filesRoundTripThroughThePipelineOverTls() throws IOException {
    byte[] data = new byte[2_500_000];   // three 1 MiB chunks, each written through a chain of three replicas
    new Random(7).nextBytes(data);
    BfsClient fs = cluster.newClient();
    try (BfsOutputStream out = fs.create("/tls/file", io.bigfs.client.CreateOptions.DEFAULT.withCreateParents(true))) {
      out.write(data);
    }
    try (var in = fs.open("/tls/file")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(fs.chunks("/tls/file", 0, 0)).allSatisfy(c -> assertThat(c.nodes()).hasSize(3));
  }

  @Test
  void raftRunsAmongTheMastersOverTls() throws IOException {
    BfsClient fs = cluster.newClient();
    fs.mkdirs("/raft/before");
    int leader = cluster.waitForLeader(Duration.ofSeconds(30));
    long index = cluster.master(leader).raft().status().commitIndex();
    Wait.until("every master applied the mkdir", Duration.ofSeconds(30), () -> IntStream.range(0, 3)
        .allMatch(i -> cluster.master(i).raft().status().appliedIndex() >= index));
    // A new leader must be elected, and must replicate, over TLS as well.
    cluster.killMaster(leader);
    try {
      int next = cluster.waitForLeader(Duration.ofSeconds(30));
      assertThat(next).isNotEqualTo(leader);
      fs.mkdirs("/raft/after");
      assertThat(fs.exists("/raft/after")).isTrue();
    } finally {
      cluster.startMaster(leader);
    }
    long after = cluster.master(cluster.waitForLeader(Duration.ofSeconds(30))).raft().status().commitIndex();
    Wait.until("the restarted master caught up", Duration.ofSeconds(30),
        () -> cluster.master(leader).raft().status().appliedIndex() >= after);
  }

  @Test
  void plaintextClientIsRefusedWithAClearError() {
    BfsClient plain = cluster.newClient(c -> c.withSecurity(ClientSecurity.NONE).withMaxRetryMs(2_000));
    assertThatThrownBy(() -> plain.stat("/")).isInstanceOf(BfsException.class)
        .hasMessageContaining("TLS");

    ManagedChannel channel = Channels.open(cluster.masterAddressList().get(0));
    try {
      assertThatThrownBy(() -> MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .query(QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath("/")).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void clientWithoutACertificateIsRefusedWhenMutualTlsIsDemanded() {
    BfsClient noCert = cluster.newClient(c -> c.withSecurity(ClientSecurity.tls(cluster.certificates().ca()))
        .withMaxRetryMs(2_000));
    assertThatThrownBy(() -> noCert.stat("/")).isInstanceOf(BfsException.class);
  }

  @Test
  void clientTrustingAnotherCaIsRefused(@TempDir Path dir) throws IOException {
    TestCertificates other = TestCertificates.create(dir, "Another CA");
    BfsClient stranger = cluster.newClient(c -> c.withSecurity(ClientSecurity.tls(other.ca())
        .withClientCertificate(other.cert(), other.key())).withMaxRetryMs(2_000));
    assertThatThrownBy(() -> stranger.stat("/")).isInstanceOf(BfsException.class);
  }
}
