package io.bigfs.client.impl;

import com.google.protobuf.ByteString;
import io.bigfs.common.Ids;
import io.bigfs.common.Statuses;
import io.bigfs.common.rpc.MasterChannels;
import io.bigfs.common.rpc.UnaryCalls;
import io.bigfs.proto.AddChunkOp;
import io.bigfs.proto.CompleteOp;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.DeleteOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.ListQuery;
import io.bigfs.proto.LocatedChunk;
import io.bigfs.proto.LocationsQuery;
import io.bigfs.proto.MasterServiceGrpc;
import io.bigfs.proto.MkdirsOp;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.QueryReply;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.RenameOp;
import io.bigfs.proto.RenewLeaseOp;
import io.bigfs.proto.ReportBadReplicaReply;
import io.bigfs.proto.ReportBadReplicaRequest;
import io.bigfs.proto.SetOwnerOp;
import io.bigfs.proto.SetPermissionOp;
import io.bigfs.proto.SetReplicationOp;
import io.bigfs.proto.StatQuery;
import io.bigfs.proto.UpdatePipelineOp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The namespace calls of one client, with master failover. Every mutation carries this
 * client's id and a fresh call id; a retry after a lost answer repeats the call id, so the
 * masters apply it once. Failures arrive as java.nio.file exceptions where one fits.
 */
public final class MasterClient implements AutoCloseable {
  private final MasterChannels masters;
  private final ByteString clientId = ByteString.copyFrom(Ids.newClientId());
  private final AtomicLong callIds = new AtomicLong();
  private final String user;

  public MasterClient(MasterChannels masters, String user) {
    this.masters = masters;
    this.user = user;
  }

  public ByteString clientId() {
    return clientId;
  }

  public MasterChannels channels() {
    return masters;
  }

  /** Sends one mutation (retrying across masters) and returns its reply; a failure status throws. */
  public MutateReply mutate(MutateRequest.Builder op, String path) throws IOException {
    MutateRequest request = op.setClientId(clientId).setCallId(callIds.incrementAndGet()).setUser(user).build();
    MutateReply reply = masters.call(
        (channel, timeoutMs) -> UnaryCalls.call(channel, MasterServiceGrpc.getMutateMethod(), request, timeoutMs),
        MutateReply::getStatus);
    Statuses.check(reply.getStatus(), path);
    return reply;
  }

  /** Sends one query as this client's user; a failure status throws. */
  public QueryReply query(QueryRequest.Builder query, String path) throws IOException {
    QueryRequest request = query.setUser(user).build();
    QueryReply reply = masters.call(
        (channel, timeoutMs) -> UnaryCalls.call(channel, MasterServiceGrpc.getQueryMethod(), request, timeoutMs),
        QueryReply::getStatus);
    Statuses.check(reply.getStatus(), path);
    return reply;
  }

  public FileStatus mkdirs(String path, int mode, boolean parents) throws IOException {
    return mutate(MutateRequest.newBuilder().setMkdirs(MkdirsOp.newBuilder()
        .setPath(path).setMode(mode).setParents(parents)), path).getFile();
  }

  public FileStatus create(CreateOp op) throws IOException {
    return createForWriting(op).getFile();
  }

  /** Creates a file; the reply carries chunk 0 and its pipeline too when {@code op} asked for it. */
  public MutateReply createForWriting(CreateOp op) throws IOException {
    return mutate(MutateRequest.newBuilder().setCreate(op), op.getPath());
  }

  public LocatedChunk addChunk(String path, long inodeId, int index, List<Integer> exclude) throws IOException {
    return mutate(MutateRequest.newBuilder().setAddChunk(AddChunkOp.newBuilder()
        .setPath(path).setInodeId(inodeId).setIndex(index).addAllExcludeNodes(exclude)), path).getChunk();
  }

  public FileStatus complete(String path, long inodeId, long length) throws IOException {
    return mutate(MutateRequest.newBuilder().setComplete(CompleteOp.newBuilder()
        .setPath(path).setInodeId(inodeId).setLength(length)), path).getFile();
  }

  public void delete(String path, boolean recursive) throws IOException {
    mutate(MutateRequest.newBuilder().setDelete(DeleteOp.newBuilder().setPath(path).setRecursive(recursive)), path);
  }

  public FileStatus rename(String source, String target, boolean overwrite) throws IOException {
    return mutate(MutateRequest.newBuilder().setRename(RenameOp.newBuilder()
        .setSource(source).setTarget(target).setOverwrite(overwrite)), source).getFile();
  }

  public FileStatus setPermission(String path, int mode) throws IOException {
    return mutate(MutateRequest.newBuilder().setSetPermission(SetPermissionOp.newBuilder()
        .setPath(path).setMode(mode)), path).getFile();
  }

  public FileStatus setOwner(String path, String owner, String group) throws IOException {
    return mutate(MutateRequest.newBuilder().setSetOwner(SetOwnerOp.newBuilder()
        .setPath(path).setOwner(owner == null ? "" : owner).setGroup(group == null ? "" : group)), path).getFile();
  }

  public FileStatus setReplication(String path, int replication) throws IOException {
    return mutate(MutateRequest.newBuilder().setSetReplication(SetReplicationOp.newBuilder()
        .setPath(path).setReplication(replication)), path).getFile();
  }

  /** A replica of a chunk being written failed: a new version and a rebuilt pipeline for it. */
  public LocatedChunk updatePipeline(String path, long inodeId, int index, long chunkId, List<Integer> survivors,
                                     List<Integer> failed) throws IOException {
    return mutate(MutateRequest.newBuilder().setUpdatePipeline(UpdatePipelineOp.newBuilder()
        .setPath(path).setInodeId(inodeId).setIndex(index).setChunkId(chunkId)
        .addAllSurvivors(survivors).addAllFailed(failed)), path).getChunk();
  }

  /** Tells the masters that a replica failed its checksums; best effort. */
  public void reportBadReplica(long chunkId, int nodeId, String reason) throws IOException {
    ReportBadReplicaRequest request = ReportBadReplicaRequest.newBuilder()
        .setChunkId(chunkId).setNodeId(nodeId).setReason(reason).build();
    ReportBadReplicaReply reply = masters.call(
        (channel, timeoutMs) -> MasterServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).reportBadReplica(request),
        ReportBadReplicaReply::getStatus);
    Statuses.check(reply.getStatus(), null);
  }

  public void renewLease() throws IOException {
    mutate(MutateRequest.newBuilder().setRenewLease(RenewLeaseOp.getDefaultInstance()), null);
  }

  public FileStatus stat(String path) throws IOException {
    return query(QueryRequest.newBuilder().setStat(StatQuery.newBuilder().setPath(path)), path).getFile();
  }

  /** One page of a listing, starting after the name {@code startAfter} ("" for the first page). */
  public QueryReply list(String path, String startAfter, int limit) throws IOException {
    return query(QueryRequest.newBuilder().setList(ListQuery.newBuilder()
        .setPath(path).setStartAfter(startAfter).setLimit(limit)), path);
  }

  /** The file and its chunks overlapping [offset, offset+length) (length 0: to the end). */
  public QueryReply locations(String path, long offset, long length) throws IOException {
    return query(QueryRequest.newBuilder().setLocations(LocationsQuery.newBuilder()
        .setPath(path).setOffset(offset).setLength(length)), path);
  }

  @Override
  public void close() {
    masters.close();
  }
}
