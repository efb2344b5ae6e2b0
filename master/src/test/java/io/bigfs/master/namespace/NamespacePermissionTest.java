package io.bigfs.master.namespace;

import com.google.protobuf.ByteString;
import io.bigfs.common.Ids;
import io.bigfs.master.store.MetaStore;
import io.bigfs.proto.CommandBatch;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.DeleteOp;
import io.bigfs.proto.ListQuery;
import io.bigfs.proto.LocationsQuery;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MkdirsOp;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.Principal;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.RenameOp;
import io.bigfs.proto.SetOwnerOp;
import io.bigfs.proto.SetPermissionOp;
import io.bigfs.proto.SetReplicationOp;
import io.bigfs.proto.StatQuery;
import io.bigfs.proto.StatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permission rules as the state machine applies them, one rule a test: what the principal
 * in a command allows, decided from the store and the command alone.
 */
class NamespacePermissionTest {
  static final Principal ROOT = who("root", true);
  static final Principal ALICE = who("alice", false, "staff");
  static final Principal BOB = who("bob", false, "staff");
  static final Principal CAROL = who("carol", false);

  @TempDir Path dir;
  MetaStore store;
  Namespace ns;
  long index;
  final ByteString client = ByteString.copyFrom(Ids.newClientId());

  static Principal who(String user, boolean superuser, String... groups) {
    return Principal.newBuilder().setUser(user).setSuperuser(superuser).addAllGroups(List.of(groups))
        .setCheckPermissions(true).build();
  }

  @BeforeEach
  void open() throws Exception {
    store = MetaStore.open(dir.resolve("db"), 8 << 20);
    ns = new Namespace(store, "root");
    ok(ROOT, mkdirs("/home/alice", 0755));
    ok(ROOT, chown("/home/alice", "alice", "staff"));
    ok(ALICE, create("/home/alice/notes", 0640));
  }

  @AfterEach
  void close() {
    store.close();
  }

  MutateReply apply(Principal as, MutateRequest.Builder req) throws Exception {
    MasterCommand cmd = MasterCommand.newBuilder().setTimeMs(1000 + index).setPrincipal(as)
        .setClient(req.setClientId(client).setCallId(++index).setUser(as.getUser())).build();
    return ns.apply(1, index, CommandBatch.newBuilder().addCommands(cmd).build()).getResults(0);
  }

  MutateReply ok(Principal as, MutateRequest.Builder req) throws Exception {
    MutateReply reply = apply(as, req);
    assertThat(reply.getStatus().getCode()).as(reply.getStatus().getMessage()).isEqualTo(StatusCode.OK);
    return reply;
  }

  /** The request is refused with PERMISSION_DENIED, and the tree below / is as it was. */
  String denied(Principal as, MutateRequest.Builder req) throws Exception {
    String before = tree();
    MutateReply reply = apply(as, req);
    assertThat(reply.getStatus().getCode()).as(reply.getStatus().getMessage()).isEqualTo(StatusCode.PERMISSION_DENIED);
    assertThat(tree()).as("nothing changed").isEqualTo(before);
    return reply.getStatus().getMessage();
  }

  QueryReply query(Principal as, QueryRequest.Builder q) {
    return ns.query(q.build(), as, (c, v) -> List.of());
  }

  /** Every entry with its attributes, walked as the superuser. */
  String tree() {
    StringBuilder s = new StringBuilder();
    walk("/", s);
    return s.toString();
  }

  private void walk(String path, StringBuilder s) {
    QueryReply r = query(ROOT, QueryRequest.newBuilder().setList(ListQuery.newBuilder().setPath(path)));
    s.append(r.getFile()).append('\n');
    r.getEntriesList().forEach(e -> {
      if (e.getDirectory()) {
        walk(e.getPath(), s);
      } else {
        s.append(e).append('\n');
      }
    });
  }

  static MutateRequest.Builder mkdirs(String path, int mode) {
    return MutateRequest.newBuilder().setMkdirs(MkdirsOp.newBuilder().setPath(path).setMode(mode).setParents(true));
  }

  static MutateRequest.Builder create(String path, int mode) {
    return MutateRequest.newBuilder().setCreate(CreateOp.newBuilder().setPath(path).setMode(mode)
        .setReplication(1).setChunkSize(1 << 20));
  }

  static MutateRequest.Builder chmod(String path, int mode) {
    return MutateRequest.newBuilder().setSetPermission(SetPermissionOp.newBuilder().setPath(path).setMode(mode));
  }

  static MutateRequest.Builder chown(String path, String owner, String group) {
    return MutateRequest.newBuilder().setSetOwner(SetOwnerOp.newBuilder().setPath(path).setOwner(owner)
        .setGroup(group));
  }

  static MutateRequest.Builder delete(String path, boolean recursive) {
    return MutateRequest.newBuilder().setDelete(DeleteOp.newBuilder().setPath(path).setRecursive(recursive));
  }

  static MutateRequest.Builder rename(String from, String to) {
    return MutateRequest.newBuilder().setRename(RenameOp.newBuilder().setSource(from).setTarget(to));
  }

  static QueryRequest.Builder stat(String path) {
    return QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath(path));
  }

  static QueryRequest.Builder list(String path) {
    return QueryRequest.newBuilder().setList(ListQuery.newBuilder().setPath(path));
  }

  static QueryRequest.Builder locations(String path) {
    return QueryRequest.newBuilder().setLocations(LocationsQuery.newBuilder().setPath(path));
  }

  static StatusCode code(QueryReply r) {
    return r.getStatus().getCode();
  }

  @Test
  void ownerGroupAndOtherBitsDecideReads() {
    // notes: alice:staff 0640
    assertThat(code(query(ALICE, locations("/home/alice/notes")))).isEqualTo(StatusCode.OK);
    assertThat(code(query(BOB, locations("/home/alice/notes")))).isEqualTo(StatusCode.OK);
    QueryReply carol = query(CAROL, locations("/home/alice/notes"));
    assertThat(code(carol)).isEqualTo(StatusCode.PERMISSION_DENIED);
    assertThat(carol.getStatus().getMessage())
        .isEqualTo("permission denied: user=carol, access=READ, path=/home/alice/notes (alice:staff -rw-r-----)");
    // stat needs no read on the file itself
    assertThat(code(query(CAROL, stat("/home/alice/notes")))).isEqualTo(StatusCode.OK);
  }

  @Test
  void theOwnersBitsApplyEvenWhenTheGroupsWouldAllowMore() throws Exception {
    ok(ALICE, chmod("/home/alice/notes", 0070));
    assertThat(code(query(ALICE, locations("/home/alice/notes")))).isEqualTo(StatusCode.PERMISSION_DENIED);
    assertThat(code(query(BOB, locations("/home/alice/notes")))).isEqualTo(StatusCode.OK);
  }

  @Test
  void everyDirectoryOnTheWayMustBeTraversable() throws Exception {
    ok(ALICE, mkdirs("/home/alice/private/deep", 0755));
    ok(ALICE, chmod("/home/alice/private", 0700));
    QueryReply r = query(BOB, stat("/home/alice/private/deep"));
    assertThat(code(r)).isEqualTo(StatusCode.PERMISSION_DENIED);
    assertThat(r.getStatus().getMessage()).contains("user=bob, access=EXECUTE, path=/home/alice/private");
    // a missing entry below is not revealed either
    assertThat(code(query(BOB, stat("/home/alice/private/nothing/here")))).isEqualTo(StatusCode.PERMISSION_DENIED);
    assertThat(denied(BOB, create("/home/alice/private/deep/f", 0644))).contains("access=EXECUTE");
  }

  @Test
  void listingNeedsReadAndExecuteOnTheDirectory() throws Exception {
    ok(ALICE, mkdirs("/home/alice/box", 0711));
    QueryReply r = query(BOB, list("/home/alice/box"));
    assertThat(code(r)).isEqualTo(StatusCode.PERMISSION_DENIED);
    assertThat(r.getStatus().getMessage()).contains("access=READ_EXECUTE");
    assertThat(code(query(ALICE, list("/home/alice/box")))).isEqualTo(StatusCode.OK);
    // listing a file is a stat
    assertThat(code(query(CAROL, list("/home/alice/notes")))).isEqualTo(StatusCode.OK);
  }

  @Test
  void creatingNeedsWriteOnTheParent() throws Exception {
    assertThat(denied(BOB, create("/home/alice/x", 0644)))
        .isEqualTo("permission denied: user=bob, access=WRITE, path=/home/alice (alice:staff drwxr-xr-x)");
    denied(BOB, mkdirs("/home/alice/sub", 0755));
    denied(BOB, mkdirs("/home/alice/a/b/c", 0755));
    ok(ALICE, mkdirs("/home/alice/a/b/c", 0755));
    // an existing directory asks for nothing more than traversal
    ok(BOB, mkdirs("/home/alice/a/b", 0755));
  }

  @Test
  void overwritingNeedsWriteOnTheFile() throws Exception {
    ok(ALICE, chmod("/home/alice", 0777));
    MutateRequest.Builder overwrite = create("/home/alice/notes", 0644);
    overwrite.getCreateBuilder().setOverwrite(true);
    assertThat(denied(BOB, overwrite)).contains("access=WRITE, path=/home/alice/notes");
  }

  @Test
  void deletingAndRenamingNeedWriteOnTheParent() throws Exception {
    denied(BOB, delete("/home/alice/notes", false));
    denied(BOB, rename("/home/alice/notes", "/home/alice/renamed"));
    ok(ROOT, mkdirs("/pub", 0777));
    denied(BOB, rename("/home/alice/notes", "/pub/notes"));
    ok(ALICE, rename("/home/alice/notes", "/pub/notes"));
    // the target's directory must be writable too
    denied(BOB, rename("/pub/notes", "/home/alice/notes"));
    ok(BOB, rename("/pub/notes", "/pub/bobs"));
  }

  @Test
  void recursiveDeleteNeedsEverythingOnEveryDirectoryThatIsNotEmpty() throws Exception {
    ok(ROOT, mkdirs("/shared", 0777));
    ok(ALICE, mkdirs("/shared/tree/empty", 0755));
    ok(ALICE, create("/shared/tree/file", 0666));
    assertThat(denied(BOB, delete("/shared/tree", true))).contains("access=ALL, path=/shared/tree");
    ok(ALICE, chmod("/shared/tree", 0777));
    // /shared/tree/empty (0755, alice) is empty, so bob may remove the whole tree now
    ok(BOB, delete("/shared/tree", true));
  }

  @Test
  void theStickyBitKeepsOthersFromRemovingOrRenaming() throws Exception {
    ok(ROOT, mkdirs("/tmp", 0777));
    ok(ROOT, chmod("/tmp", 01777));
    ok(ALICE, create("/tmp/alices", 0666));
    ok(BOB, create("/tmp/bobs", 0666));
    assertThat(denied(BOB, delete("/tmp/alices", false))).contains("access=STICKY", "sticky bit of /tmp");
    denied(BOB, rename("/tmp/alices", "/tmp/mine"));
    MutateRequest.Builder replace = rename("/tmp/bobs", "/tmp/alices");
    replace.getRenameBuilder().setOverwrite(true);
    denied(BOB, replace);
    ok(BOB, rename("/tmp/bobs", "/tmp/bobs2"));
    ok(ALICE, delete("/tmp/alices", false));
    ok(ROOT, delete("/tmp/bobs2", false));
  }

  @Test
  void theDirectorysOwnerMayRemoveEntriesDespiteTheStickyBit() throws Exception {
    ok(ALICE, chmod("/home/alice", 01777));
    ok(BOB, create("/home/alice/bobs", 0644));
    denied(CAROL, delete("/home/alice/bobs", false));
    ok(ALICE, delete("/home/alice/bobs", false));
  }

  @Test
  void onlyTheOwnerChangesTheMode() throws Exception {
    assertThat(denied(BOB, chmod("/home/alice/notes", 0777))).contains("access=OWNER", "only the owner");
    ok(ALICE, chmod("/home/alice/notes", 0600));
    ok(ROOT, chmod("/home/alice/notes", 0644));
  }

  @Test
  void onlyTheSuperuserGivesAwayFilesAndOwnersPickOnlyTheirOwnGroups() throws Exception {
    assertThat(denied(ALICE, chown("/home/alice/notes", "bob", ""))).contains("access=SUPERUSER");
    assertThat(denied(BOB, chown("/home/alice/notes", "", "staff"))).contains("access=OWNER");
    assertThat(denied(ALICE, chown("/home/alice/notes", "", "wheel"))).contains("access=GROUP", "not in group wheel");
    ok(ALICE, chown("/home/alice/notes", "alice", "staff"));
    ok(ROOT, chown("/home/alice/notes", "bob", "wheel"));
    assertThat(query(BOB, stat("/home/alice/notes")).getFile().getOwner()).isEqualTo("bob");
  }

  @Test
  void settingReplicationNeedsWriteOnTheFile() throws Exception {
    MutateRequest.Builder setrep = MutateRequest.newBuilder().setSetReplication(SetReplicationOp.newBuilder()
        .setPath("/home/alice/notes").setReplication(2));
    denied(BOB, setrep);
    ok(ALICE, setrep);
  }

  @Test
  void theSuperuserPassesEveryCheck() throws Exception {
    ok(ALICE, chmod("/home/alice/notes", 0));
    ok(ALICE, chmod("/home/alice", 0));
    denied(ALICE, create("/home/alice/again", 0600));
    assertThat(code(query(ROOT, locations("/home/alice/notes")))).isEqualTo(StatusCode.OK);
    ok(ROOT, create("/home/alice/roots", 0600));
    ok(ROOT, delete("/home/alice", true));
  }

  @Test
  void parentsMadeOnTheWayCanBeEnteredByTheirOwner() throws Exception {
    ok(ALICE, mkdirs("/home/alice/x/y/z", 0500));
    assertThat(query(ALICE, stat("/home/alice/x")).getFile().getMode()).isEqualTo(0700);
    assertThat(query(ALICE, stat("/home/alice/x/y/z")).getFile().getMode()).isEqualTo(0500);
    MutateRequest.Builder withParents = create("/home/alice/p/q/f", 0600);
    withParents.getCreateBuilder().setCreateParents(true).setParentMode(0750);
    ok(ALICE, withParents);
    assertThat(query(ALICE, stat("/home/alice/p/q")).getFile().getMode()).isEqualTo(0750);
  }

  @Test
  void withPermissionsOffOrFromOlderEntriesEverythingPasses() throws Exception {
    Principal off = BOB.toBuilder().setCheckPermissions(false).build();
    ok(off, delete("/home/alice/notes", false));
    MasterCommand legacy = MasterCommand.newBuilder().setTimeMs(5000)
        .setClient(mkdirs("/home/alice/legacy", 0755).setClientId(client).setCallId(++index).setUser("bob")).build();
    MutateReply reply = ns.apply(1, index, CommandBatch.newBuilder().addCommands(legacy).build()).getResults(0);
    assertThat(reply.getStatus().getCode()).isEqualTo(StatusCode.OK);
    assertThat(reply.getFile().getOwner()).isEqualTo("bob");
  }
}
