package io.bigfs.master.namespace;

import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.master.store.Cf;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.Keys;
import io.bigfs.proto.AddChunkOp;
import io.bigfs.proto.CreateOp;
import io.bigfs.proto.FileStatus;
import io.bigfs.proto.MasterCommand;
import io.bigfs.proto.MutateReply;
import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.NodeLocation;
import io.bigfs.proto.RegisterNodeOp;
import io.bigfs.proto.SetNodeStateOp;
import io.bigfs.proto.StatusCode;
import io.bigfs.proto.store.NodeRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Routes each command of the Raft log to the operation that applies it. */
final class Commands {
  private Commands() {}

  static MutateReply dispatch(Edit edit, MasterCommand command) throws BfsException {
    MutateReply.Builder reply = MutateReply.newBuilder().setStatus(Statuses.ok());
    switch (command.getCommandCase()) {
      case CLIENT -> client(edit, command, reply);
      case REGISTER_NODE -> reply.setNodeId(registerNode(edit, command.getRegisterNode()));
      case EXPIRE_LEASE -> WriteOps.expireLease(edit, command.getExpireLease());
      case FORGET_DELETED_CHUNKS -> command.getForgetDeletedChunks().getChunkIdsList()
          .forEach(id -> edit.txn.delete(Cf.DELETED, Keys.id(id)));
      case SET_NODE_STATE -> setNodeState(edit, command.getSetNodeState());
      case COMMAND_NOT_SET -> throw BfsException.invalid("empty command");
    }
    return reply.build();
  }

  private static void client(Edit edit, MasterCommand command, MutateReply.Builder reply) throws BfsException {
    MutateRequest req = command.getClient();
    Limits.principal("user", req.getUser());
    Limits.clientId(req.getClientId());
    switch (req.getOpCase()) {
      case MKDIRS -> reply.setFile(TreeOps.mkdirs(edit, req.getMkdirs()));
      case CREATE -> create(edit, req.getCreate(), command.getPlacementList(), reply);
      case ADD_CHUNK -> reply.setChunk(WriteOps.addChunk(edit, req.getAddChunk(), command.getPlacementList()));
      case COMPLETE -> reply.setFile(WriteOps.complete(edit, req.getComplete()));
      case DELETE -> TreeOps.delete(edit, req.getDelete());
      case RENAME -> reply.setFile(TreeOps.rename(edit, req.getRename()));
      case SET_PERMISSION -> reply.setFile(TreeOps.setPermission(edit, req.getSetPermission()));
      case SET_OWNER -> reply.setFile(TreeOps.setOwner(edit, req.getSetOwner()));
      case SET_REPLICATION -> reply.setFile(TreeOps.setReplication(edit, req.getSetReplication()));
      case RENEW_LEASE -> WriteOps.renewLease(edit);
      case UPDATE_PIPELINE -> reply.setChunk(WriteOps.updatePipeline(edit, req.getUpdatePipeline(),
          command.getPlacementList()));
      case OP_NOT_SET -> throw BfsException.invalid("empty request");
    }
  }

  /** A new file, and with first_chunk its chunk 0 where the leader placed it (if it could). */
  private static void create(Edit edit, CreateOp op, List<NodeLocation> placement, MutateReply.Builder reply)
      throws BfsException {
    FileStatus file = TreeOps.create(edit, op);
    reply.setFile(file);
    if (op.getFirstChunk() && !placement.isEmpty()) {
      reply.setChunk(WriteOps.addChunk(edit, AddChunkOp.newBuilder().setPath(file.getPath())
          .setInodeId(file.getInodeId()).setIndex(0).build(), placement));
    }
  }

  /** An operator's decision about a node (or the end of its decommission). */
  private static void setNodeState(Edit edit, SetNodeStateOp op) throws BfsException {
    try (KvCursor c = edit.txn.scan(Cf.NODES, new byte[0], null)) {
      while (c.next()) {
        NodeRecord node = parseNode(c.value());
        if (node.getNodeId() == op.getNodeId()) {
          edit.txn.put(Cf.NODES, c.key(), node.toBuilder().setAdminState(op.getState()).build().toByteArray());
          return;
        }
      }
    }
    throw new BfsException(StatusCode.NOT_FOUND, "no chunkserver with id " + op.getNodeId());
  }

  static NodeRecord parseNode(byte[] value) {
    try {
      return NodeRecord.parseFrom(value);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt node record", e);
    }
  }

  /** A chunkserver's uuid gets a small id once; later registrations update its address. */
  private static int registerNode(Edit edit, RegisterNodeOp op) {
    byte[] key = op.getUuid().getBytes(StandardCharsets.UTF_8);
    byte[] existing = edit.txn.get(Cf.NODES, key);
    NodeRecord.Builder node = existing == null
        ? NodeRecord.newBuilder().setNodeId(edit.counters.nextNodeId++)
        : parseNode(existing).toBuilder();
    node.setAddress(op.getAddress()).setRack(op.getRack());
    edit.txn.put(Cf.NODES, key, node.build().toByteArray());
    return node.getNodeId();
  }
}
