package io.bigfs.it.security;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CacheConfig;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.BfsException;
import io.bigfs.common.rpc.Channels;
import io.bigfs.common.rpc.MasterChannels;
import io.bigfs.common.rpc.Transport;
import io.bigfs.common.security.TokenSigner;
import io.bigfs.common.security.TokenText;
import io.bigfs.proto.AccessToken;
import io.bigfs.proto.AdminServiceGrpc;
import io.bigfs.proto.ChunkServiceGrpc;
import io.bigfs.proto.HeartbeatRequest;
import io.bigfs.proto.IssueTokenRequest;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.NodeServiceGrpc;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.ReadChunkReply;
import io.bigfs.proto.ReadChunkRequest;
import io.bigfs.proto.RecoverReplicaRequest;
import io.bigfs.proto.StatQuery;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.TokenBody;
import io.bigfs.proto.TokenKind;
import io.bigfs.proto.TransferReplicaRequest;
import io.bigfs.proto.WriteAck;
import io.bigfs.proto.WriteHeader;
import io.bigfs.proto.WritePacket;
import io.bigfs.testing.MiniCluster;
import io.bigfs.testing.Wait;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Token mode: masters refuse calls without a valid token of the right user, chunkservers refuse
 * reads and writes without a master's chunk token for that chunk and mode, and a client with a
 * valid token works end to end (cache, replication ordered by the master included).
 */
class TokenModeTest {
  static final long HOUR_MS = 3_600_000;
  static MiniCluster cluster;
  static BfsClient fs;
  static byte[] data;
  static LocatedChunk firstChunk;

  @BeforeAll
  static void start() throws IOException {
    cluster = MiniCluster.builder().tokens().start();
    fs = cluster.newClient();
    data = new byte[1_500_000];
    new Random(3).nextBytes(data);
    try (BfsOutputStream out = fs.create("/data")) {
      out.write(data);
    }
    firstChunk = cluster.newMasterClient().locations("/data", 0, 0).getChunks(0);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  // ------------------------------------------------------------------ masters

  static Status.Code statWith(String token) {
    ManagedChannel channel = token == null ? Channels.open(cluster.masterAddressList().get(0))
        : Transport.PLAINTEXT.withToken(() -> token).open(cluster.masterAddressList().get(0));
    try {
      MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .query(QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath("/data")).build());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } finally {
      Channels.close(channel);
    }
  }

  static String refusal(String token) {
    ManagedChannel channel = token == null ? Channels.open(cluster.masterAddressList().get(0))
        : Transport.PLAINTEXT.withToken(() -> token).open(cluster.masterAddressList().get(0));
    try {
      MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .query(QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath("/data")).build());
      return "accepted";
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      return e.getStatus().getDescription();
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void mastersAcceptAValidUserToken() {
    assertThat(refusal(cluster.userToken("alice", Duration.ofMinutes(5)))).isEqualTo("accepted");
  }

  @Test
  void mastersRefuseACallWithoutAToken() {
    assertThat(refusal(null)).contains("no token");
  }

  @Test
  void mastersRefuseAnExpiredToken() {
    String expired = cluster.token(TokenKind.TOKEN_USER, "alice", System.currentTimeMillis() - 1, 0);
    assertThat(refusal(expired)).contains("expired");
  }

  @Test
  void mastersRefuseAForgedToken() {
    byte[] otherSecret = "not the cluster's secret, but long enough to sign".getBytes(StandardCharsets.UTF_8);
    String forged = TokenText.encode(new TokenSigner(otherSecret).sign(TokenKind.TOKEN_USER, "alice",
        System.currentTimeMillis() + HOUR_MS, 0));
    assertThat(refusal(forged)).contains("signature does not match");
  }

  @Test
  void mastersRefuseATokenWhoseUserWasChanged() throws Exception {
    AccessToken real = TokenText.decode(cluster.userToken("alice", Duration.ofMinutes(5)));
    TokenBody body = TokenBody.parseFrom(real.getBody()).toBuilder().setUser(cluster.masterConfig(0).permissions().superuser()).build();
    String altered = TokenText.encode(real.toBuilder().setBody(body.toByteString()).build());
    assertThat(refusal(altered)).contains("signature does not match");
    assertThat(refusal("garbage")).contains("malformed");
  }

  @Test
  void mastersRefuseOtherKindsOfTokenWhereAUserTokenIsNeeded() {
    long later = System.currentTimeMillis() + HOUR_MS;
    assertThat(refusal(cluster.token(TokenKind.TOKEN_CHUNK_READ, "alice", later, firstChunk.getChunkId())))
        .contains("chunk read token cannot be used here");
    assertThat(refusal(cluster.token(TokenKind.TOKEN_SERVICE, "chunkserver", later, 0)))
        .contains("service token cannot be used here");
  }

  @Test
  void aTokenCannotActAsAnotherUser() throws IOException {
    MasterClient impostor = new MasterClient(new MasterChannels(cluster.masterAddressList(), 10_000, 10_000,
        Transport.PLAINTEXT.withToken(() -> cluster.userToken("alice", Duration.ofMinutes(5)))), "bob");
    try (impostor) {
      assertThatThrownBy(() -> impostor.mkdirs("/bob-was-here", 0, true))
          .isInstanceOfSatisfying(BfsException.class, e -> {
            assertThat(e.code()).isEqualTo(StatusCode.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("the token of alice cannot act as bob");
          });
    }
    assertThat(cluster.newClient().exists("/bob-was-here")).isFalse();
  }

  @Test
  void aRequestNamingNoUserActsAsTheTokensUser() throws IOException {
    MasterClient unnamed = new MasterClient(new MasterChannels(cluster.masterAddressList(), 10_000, 10_000,
        Transport.PLAINTEXT.withToken(() -> cluster.userToken("dora", Duration.ofMinutes(5)))), "");
    cluster.newClient().mkdirs("/shared");
    cluster.newClient().setPermission("/shared", 0777);
    try (unnamed) {
      assertThat(unnamed.mkdirs("/shared/dora", 0, true).getOwner()).isEqualTo("dora");
      // Permissions are checked for the token's user: dora may not write in the root.
      assertThatThrownBy(() -> unnamed.mkdirs("/dora", 0, true)).hasMessageContaining("user=dora, access=WRITE");
    }
  }

  @Test
  void aClientWithAnExpiredTokenIsRefused() {
    String expired = cluster.token(TokenKind.TOKEN_USER, MiniCluster.USER, System.currentTimeMillis() - 1, 0);
    BfsClient stale = cluster.newClient(c -> c.withSecurity(cluster.clientSecurity().withToken(expired)));
    assertThatThrownBy(() -> stale.stat("/data")).isInstanceOfSatisfying(BfsException.class,
        e -> assertThat(e.getMessage()).contains("expired"));
  }

  @Test
  void aUserCannotReportAsAChunkserver() {
    ManagedChannel channel = Transport.PLAINTEXT.withToken(() -> cluster.userToken("alice", Duration.ofMinutes(5)))
        .open(cluster.masterAddressList().get(0));
    try {
      assertThatThrownBy(() -> NodeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .heartbeat(HeartbeatRequest.newBuilder().setNodeId(1).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void onlyTheSuperuserIssuesTokens() {
    String superuser = cluster.masterConfig(0).permissions().superuser();
    String issued = issueAs(superuser, "carol");
    assertThat(refusal(issued)).isEqualTo("accepted");
    assertThat(statWith(issued)).isEqualTo(Status.Code.OK);
    assertThat(issueAs("alice", "carol")).startsWith("PERMISSION_DENIED");
  }

  static String issueAs(String caller, String subject) {
    ManagedChannel channel = Transport.PLAINTEXT.withToken(() -> cluster.userToken(caller, Duration.ofMinutes(5)))
        .open(cluster.masterAddressList().get(0));
    try {
      var reply = AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .issueToken(IssueTokenRequest.newBuilder().setSubject(subject).setTtlMs(60_000).build());
      return reply.getStatus().getCode() == StatusCode.OK ? reply.getToken() : reply.getStatus().getCode().name();
    } finally {
      Channels.close(channel);
    }
  }

  // ------------------------------------------------------------------ chunkservers

  static String holder() {
    return firstChunk.getLocations(0).getAddress();
  }

  /** Reads the first chunk from one of its replicas with {@code token}; returns the status of the first reply. */
  static ReadChunkReply read(AccessToken token, long chunkId) {
    ManagedChannel channel = Channels.open(holder());
    try {
      Iterator<ReadChunkReply> replies = ChunkServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .readChunk(ReadChunkRequest.newBuilder().setChunkId(chunkId).setVersion(firstChunk.getVersion())
              .setOffset(0).setLength(65_536).setToken(token).build());
      return replies.next();
    } finally {
      Channels.close(channel);
    }
  }

  static AccessToken chunkToken(TokenKind kind, long chunkId, long expiresMs) throws Exception {
    return TokenText.decode(cluster.token(kind, MiniCluster.USER, expiresMs, chunkId));
  }

  @Test
  void theMastersChunkTokenLetsAReadThrough() {
    ReadChunkReply reply = read(firstChunk.getAccessToken(), firstChunk.getChunkId());
    assertThat(reply.getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(reply.getData().substring(0, 100).toByteArray())
        .isEqualTo(java.util.Arrays.copyOf(data, 100));
  }

  @Test
  void chunkserversRefuseReadsWithoutAValidChunkToken() throws Exception {
    long id = firstChunk.getChunkId();
    long later = System.currentTimeMillis() + HOUR_MS;
    assertThat(read(AccessToken.getDefaultInstance(), id).getStatus().getMessage()).contains("no chunk token");
    assertThat(read(chunkToken(TokenKind.TOKEN_CHUNK_READ, id, System.currentTimeMillis() - 1), id)
        .getStatus().getMessage()).contains("expired");
    assertThat(read(chunkToken(TokenKind.TOKEN_CHUNK_READ, id + 1, later), id).getStatus().getMessage())
        .contains("the token is for chunk " + (id + 1));
    assertThat(read(chunkToken(TokenKind.TOKEN_CHUNK_WRITE, id, later), id).getStatus().getMessage())
        .contains("chunk write token cannot be used here");
    byte[] otherSecret = "not the cluster's secret, but long enough to sign".getBytes(StandardCharsets.UTF_8);
    AccessToken forged = new TokenSigner(otherSecret).sign(TokenKind.TOKEN_CHUNK_READ, MiniCluster.USER, later, id);
    assertThat(read(forged, id).getStatus().getMessage()).contains("signature does not match");
    for (AccessToken bad : new AccessToken[] {AccessToken.getDefaultInstance(), forged}) {
      ReadChunkReply reply = read(bad, id);
      assertThat(reply.getStatus().getCode()).isEqualTo(StatusCode.PERMISSION_DENIED);
      assertThat(reply.getData().isEmpty()).isTrue();
    }
  }

  /** Opens a write stream to the holder with {@code header}; returns the first non-OK ack's message, or "OK". */
  static String write(WriteHeader header) throws Exception {
    ManagedChannel channel = Channels.open(holder());
    CompletableFuture<String> result = new CompletableFuture<>();
    try {
      StreamObserver<WritePacket> out = ChunkServiceGrpc.newStub(channel).writeChunk(new StreamObserver<>() {
        @Override
        public void onNext(WriteAck ack) {
          if (ack.getStatus().getCode() != StatusCode.OK) {
            result.complete(ack.getStatus().getCode() + ": " + ack.getStatus().getMessage());
          }
        }

        @Override
        public void onError(Throwable t) {
          result.complete("error: " + t.getMessage());
        }

        @Override
        public void onCompleted() {
          result.complete("OK");
        }
      });
      out.onNext(WritePacket.newBuilder().setHeader(header).build());
      out.onNext(WritePacket.newBuilder().setSeq(0).setOffset(0).setLast(true).build());
      out.onCompleted();
      return result.get(30, TimeUnit.SECONDS);
    } finally {
      Channels.close(channel);
    }
  }

  @Test
  void chunkserversRefuseWritesWithoutAValidChunkToken() throws Exception {
    long newChunk = 9_000_001;
    long later = System.currentTimeMillis() + HOUR_MS;
    WriteHeader.Builder header = WriteHeader.newBuilder().setChunkId(newChunk).setVersion(1)
        .addDownstream(firstChunk.getLocations(1));   // forwarding must not happen either
    assertThat(write(header.build())).startsWith("PERMISSION_DENIED").contains("no chunk token");
    assertThat(write(header.setToken(chunkToken(TokenKind.TOKEN_CHUNK_WRITE, newChunk, System.currentTimeMillis() - 1))
        .build())).startsWith("PERMISSION_DENIED").contains("expired");
    assertThat(write(header.setToken(chunkToken(TokenKind.TOKEN_CHUNK_WRITE, newChunk + 1, later)).build()))
        .startsWith("PERMISSION_DENIED").contains("the token is for chunk");
    assertThat(write(header.setToken(chunkToken(TokenKind.TOKEN_CHUNK_READ, newChunk, later)).build()))
        .startsWith("PERMISSION_DENIED").contains("chunk read token cannot be used here");
    for (var cs : java.util.List.of(0, 1, 2)) {
      assertThat(cluster.chunkserver(cs).store().get(newChunk)).as("chunkserver %d", cs).isNull();
    }
    // The same header with a valid write token goes through, down the chain as well.
    assertThat(write(header.setToken(chunkToken(TokenKind.TOKEN_CHUNK_WRITE, newChunk, later)).build()))
        .isEqualTo("OK");
    String next = firstChunk.getLocations(1).getAddress();
    Wait.until("the replica reached the next node of the chain", Duration.ofSeconds(30), () ->
        java.util.stream.IntStream.range(0, cluster.chunkserverCount()).mapToObj(cluster::chunkserver)
            .anyMatch(cs -> cs.address().equals(next) && cs.store().get(newChunk) != null));
  }

  @Test
  void chunkserversRefuseMasterOrdersFromClients() {
    ManagedChannel channel = Channels.open(holder());
    try {
      var chunks = ChunkServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
      AccessToken read = firstChunk.getAccessToken();
      assertThat(chunks.recoverReplica(RecoverReplicaRequest.newBuilder().setChunkId(firstChunk.getChunkId())
          .setOldVersion(1).setNewVersion(2).setLength(1).build()).getStatus().getCode())
          .isEqualTo(StatusCode.PERMISSION_DENIED);
      assertThat(chunks.transferReplica(TransferReplicaRequest.newBuilder().setChunkId(firstChunk.getChunkId())
          .setVersion(firstChunk.getVersion()).setLength(10).setTarget(firstChunk.getLocations(1))
          .setTargetVersion(99).setToken(read).build()).getStatus().getCode())
          .isEqualTo(StatusCode.PERMISSION_DENIED);   // a read token does not order copies
    } finally {
      Channels.close(channel);
    }
  }

  // ------------------------------------------------------------------ end to end

  @Test
  void aValidClientWorksEndToEndWithItsCache(@TempDir Path cacheDir) throws IOException {
    BfsClient cached = cluster.newClient(c -> c.withCache(CacheConfig.at(cacheDir)));
    for (int i = 0; i < 2; i++) {
      try (var in = cached.open("/data")) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
    assertThat(cached.cacheStats().hits()).isEqualTo(1);
  }

  @Test
  void replicationOrderedByTheMasterStillWorks() throws IOException {
    try (BfsOutputStream out = fs.create("/two", CreateOptions.DEFAULT.withReplication(2))) {
      out.write(data, 0, 200_000);
    }
    fs.setReplication("/two", 3);
    Wait.until("a third replica copied between chunkservers", Duration.ofSeconds(60), () -> {
      try {
        return fs.chunks("/two", 0, 0).stream().map(ChunkInfo::nodes).allMatch(n -> n.size() == 3);
      } catch (IOException e) {
        return false;
      }
    });
    try (var in = fs.open("/two")) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOf(data, 200_000));
    }
  }
}
