package io.bigfs.master.namespace;

import com.google.protobuf.ByteString;
import io.bigfs.common.Ids;
import io.bigfs.master.store.MetaStore;
import io.bigfs.proto.AddChunkOp;
import io.bigfs.proto.CommandBatch;
import io.bigfs.proto.CompleteOp;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.DeleteOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.ListQuery;
import io.bigfs.proto.LocationsQuery;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MkdirsOp;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.Principal;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.RenameOp;
import io.bigfs.proto.StatQuery;
import io.bigfs.proto.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceTest {
  /** Reads with no permission check, as commands from before permissions existed. */
  static final Principal UNCHECKED = Principal.getDefaultInstance();
  @TempDir Path dir;
  MetaStore store;
  Namespace ns;
  long index;
  long callId;
  final ByteString client = ByteString.copyFrom(Ids.newClientId());

  @BeforeEach
  void open() throws Exception {
    store = MetaStore.open(dir.resolve("db"), 8 << 20);
    ns = new Namespace(store, "bfs");
  }

  @AfterEach
  void close() {
    store.close();
  }

  MutateReply apply(MutateRequest.Builder req, NodeLocation... placement) throws Exception {
    return applyAs(client, ++callId, req, placement);
  }

  MutateReply applyAs(ByteString who, long call, MutateRequest.Builder req, NodeLocation... placement)
      throws Exception {
    MasterCommand cmd = MasterCommand.newBuilder().setTimeMs(1000 + index)
        .setClient(req.setClientId(who).setCallId(call).setUser("alice"))
        .addAllPlacement(List.of(placement)).build();
    return ns.apply(1, ++index, CommandBatch.newBuilder().addCommands(cmd).build()).getResults(0);
  }

  static MutateRequest.Builder mkdirs(String path, boolean parents) {
    return MutateRequest.newBuilder().setMkdirs(MkdirsOp.newBuilder().setPath(path).setParents(parents));
  }

  static MutateRequest.Builder create(String path) {
    return MutateRequest.newBuilder().setCreate(CreateOp.newBuilder().setPath(path)
        .setReplication(3).setChunkSize(1024 * 1024));
  }

  QueryReply stat(String path) {
    return ns.query(QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath(path)).build(), UNCHECKED,
        (c, v) -> List.of());
  }

  QueryReply list(String path, String after, int limit) {
    return ns.query(QueryRequest.newBuilder().setList(ListQuery.newBuilder().setPath(path)
        .setStartAfter(after).setLimit(limit)).build(), UNCHECKED, (c, v) -> List.of());
  }

  @Test
  void mkdirsCreatesParentsAndIsIdempotentWithParents() throws Exception {
    assertThat(apply(mkdirs("/a/b/c", true)).getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(stat("/a/b").getFile().getDirectory()).isTrue();
    assertThat(stat("/a/b").getFile().getOwner()).isEqualTo("alice");
    assertThat(stat("/a/b").getFile().getGroup()).isEqualTo("supergroup");
    assertThat(apply(mkdirs("/a/b/c", true)).getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(apply(mkdirs("/a/b/c", false)).getStatus().getCode()).isEqualTo(StatusCode.ALREADY_EXISTS);
    assertThat(apply(mkdirs("/x/y", false)).getStatus().getCode()).isEqualTo(StatusCode.NOT_FOUND);
    assertThat(stat("/x").getStatus().getCode()).isEqualTo(StatusCode.NOT_FOUND);
    assertThat(stat("/").getFile().getChildren()).isEqualTo(1);
    assertThat(ns.counters().directories()).isEqualTo(3);
  }

  @Test
  void createWriteCompleteThenRead() throws Exception {
    apply(mkdirs("/d", false));
    FileStatus created = apply(create("/d/f")).getFile();
    assertThat(created.getUnderConstruction()).isTrue();
    NodeLocation n1 = NodeLocation.newBuilder().setNodeId(1).setAddress("127.0.0.1:1").build();
    MutateReply c0 = apply(MutateRequest.newBuilder().setAddChunk(AddChunkOp.newBuilder()
        .setPath("/d/f").setInodeId(created.getInodeId()).setIndex(0)), n1);
    assertThat(c0.getChunk().getLocationsList()).containsExactly(n1);
    MutateReply c1 = apply(MutateRequest.newBuilder().setAddChunk(AddChunkOp.newBuilder()
        .setPath("/d/f").setInodeId(created.getInodeId()).setIndex(1)), n1);
    assertThat(c1.getChunk().getOffset()).isEqualTo(1024 * 1024);
    assertThat(c1.getChunk().getChunkId()).isNotEqualTo(c0.getChunk().getChunkId());
    // a length that does not fit two chunks is refused
    assertThat(apply(MutateRequest.newBuilder().setComplete(CompleteOp.newBuilder().setPath("/d/f")
        .setInodeId(created.getInodeId()).setLength(10))).getStatus().getCode())
        .isEqualTo(StatusCode.INVALID_ARGUMENT);
    MutateReply done = apply(MutateRequest.newBuilder().setComplete(CompleteOp.newBuilder().setPath("/d/f")
        .setInodeId(created.getInodeId()).setLength(1024 * 1024 + 5)));
    assertThat(done.getFile().getLength()).isEqualTo(1024 * 1024 + 5);
    assertThat(done.getFile().getUnderConstruction()).isFalse();
    QueryReply locs = ns.query(QueryRequest.newBuilder().setLocations(LocationsQuery.newBuilder()
        .setPath("/d/f").setOffset(1024 * 1024 + 1)).build(), UNCHECKED, (c, v) -> List.of(n1));
    assertThat(locs.getChunksList()).hasSize(1);
    assertThat(locs.getChunks(0).getLength()).isEqualTo(5);
    assertThat(locs.getChunks(0).getComplete()).isTrue();
  }

  @Test
  void secondWriterIsRefused() throws Exception {
    FileStatus f = apply(create("/f")).getFile();
    ByteString other = ByteString.copyFrom(Ids.newClientId());
    MutateReply r = applyAs(other, 1, MutateRequest.newBuilder().setAddChunk(AddChunkOp.newBuilder()
        .setPath("/f").setInodeId(f.getInodeId()).setIndex(0)), NodeLocation.getDefaultInstance());
    assertThat(r.getStatus().getCode()).isEqualTo(StatusCode.LEASE_CONFLICT);
    assertThat(r.getStatus().getMessage()).contains("being written by another client");
    MutateReply overwrite = applyAs(other, 2, create("/f").setCreate(create("/f").getCreate().toBuilder()
        .setOverwrite(true)));
    assertThat(overwrite.getStatus().getCode()).isEqualTo(StatusCode.LEASE_CONFLICT);
  }

  @Test
  void retryReturnsTheFirstResult() throws Exception {
    MutateReply first = applyAs(client, 42, mkdirs("/r", false));
    MutateReply again = applyAs(client, 42, mkdirs("/r", false));
    assertThat(again).isEqualTo(first);
    assertThat(again.getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(applyAs(client, 43, mkdirs("/r", false)).getStatus().getCode())
        .isEqualTo(StatusCode.ALREADY_EXISTS);
  }

  @Test
  void renameMovesSubtreesAtomically() throws Exception {
    apply(mkdirs("/a/b", true));
    apply(create("/a/b/f"));
    assertThat(apply(MutateRequest.newBuilder().setRename(RenameOp.newBuilder().setSource("/a")
        .setTarget("/a/b/c"))).getStatus().getCode()).isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(apply(MutateRequest.newBuilder().setRename(RenameOp.newBuilder().setSource("/a")
        .setTarget("/z"))).getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(stat("/z/b/f").getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(stat("/a").getStatus().getCode()).isEqualTo(StatusCode.NOT_FOUND);
    apply(mkdirs("/y", false));
    assertThat(apply(MutateRequest.newBuilder().setRename(RenameOp.newBuilder().setSource("/z")
        .setTarget("/y"))).getStatus().getCode()).isEqualTo(StatusCode.ALREADY_EXISTS);
    assertThat(apply(MutateRequest.newBuilder().setRename(RenameOp.newBuilder().setSource("/z")
        .setTarget("/y").setOverwrite(true))).getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(stat("/y/b/f").getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(stat("/").getFile().getChildren()).isEqualTo(1);
  }

  @Test
  void deleteRefusesRootAndNonEmptyDirectories() throws Exception {
    apply(mkdirs("/a/b", true));
    apply(create("/a/b/f"));
    assertThat(apply(MutateRequest.newBuilder().setDelete(DeleteOp.newBuilder().setPath("/")
        .setRecursive(true))).getStatus().getCode()).isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(apply(MutateRequest.newBuilder().setDelete(DeleteOp.newBuilder().setPath("/a")))
        .getStatus().getCode()).isEqualTo(StatusCode.NOT_EMPTY);
    assertThat(apply(MutateRequest.newBuilder().setDelete(DeleteOp.newBuilder().setPath("/a")
        .setRecursive(true))).getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(stat("/a/b/f").getStatus().getCode()).isEqualTo(StatusCode.NOT_FOUND);
    assertThat(ns.counters().files()).isZero();
    assertThat(ns.counters().directories()).isZero();
  }

  @Test
  void badPathsAreRefusedAndChangeNothing() throws Exception {
    apply(mkdirs("/ok", false));
    String longName = "/" + "x".repeat(10_000);
    for (String bad : List.of("/a/../b", "/a/./b", "/a//b", "a/b", "/a\0b", longName, "/ok/")) {
      MutateReply r = apply(create(bad));
      assertThat(r.getStatus().getCode()).as(bad).isEqualTo(StatusCode.INVALID_ARGUMENT);
    }
    assertThat(apply(create("/missing/f")).getStatus().getCode()).isEqualTo(StatusCode.NOT_FOUND);
    assertThat(apply(create("/ok")).getStatus().getCode()).isEqualTo(StatusCode.IS_DIRECTORY);
    MutateReply rf0 = apply(create("/f").setCreate(create("/f").getCreate().toBuilder().setReplication(0)));
    assertThat(rf0.getStatus().getCode()).isEqualTo(StatusCode.INVALID_ARGUMENT);
    assertThat(list("/", "", 0).getEntriesList()).extracting(FileStatus::getPath).containsExactly("/ok");
    assertThat(ns.counters().files()).isZero();
  }

  @Test
  void listPagesThroughLargeDirectories() throws Exception {
    apply(mkdirs("/big", false));
    for (int i = 0; i < 250; i++) {
      apply(create(String.format("/big/f%04d", i)));
    }
    List<String> seen = new ArrayList<>();
    String after = "";
    QueryReply page;
    do {
      page = list("/big", after, 100);
      page.getEntriesList().forEach(e -> seen.add(e.getPath()));
      after = seen.get(seen.size() - 1).substring("/big/".length());
    } while (page.getHasMore());
    assertThat(seen).hasSize(250).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void stateSurvivesReopen() throws Exception {
    apply(mkdirs("/keep/me", true));
    store.close();
    store = MetaStore.open(dir.resolve("db"), 8 << 20);
    ns = new Namespace(store, "bfs");
    assertThat(stat("/keep/me").getFile().getDirectory()).isTrue();
    assertThat(store.appliedTermIndex()[1]).isEqualTo(index);
    assertThat(ns.counters().directories()).isEqualTo(2);
  }
}
