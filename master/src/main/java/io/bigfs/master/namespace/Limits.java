package io.bigfs.master.namespace;

import com.google.protobuf.ByteString;
import io.bigfs.common.BfsException;
import io.bigfs.common.Ids;
import io.bigfs.proto.MutateRequest;

import java.util.regex.Pattern;

/**
 * Bounds on request values that hold on every master alike (so they can be checked while
 * applying). Bounds that depend on the live cluster, such as replication against the number of
 * chunkservers, are checked by the leader before it proposes.
 */
public final class Limits {
  public static final int MAX_REPLICATION = 32;
  public static final long MIN_CHUNK_SIZE = 1024;
  public static final long MAX_CHUNK_SIZE = 4L << 30;
  /**
   * A mutation goes into the Raft log whole (unknown fields too), so its size is bounded: two
   * paths of 4096 characters, node lists and names fit with room to spare.
   */
  public static final int MAX_MUTATION_BYTES = 64 * 1024;
  /** Nodes a client may name in one request (chunkservers it could not reach, a pipeline's failures). */
  public static final int MAX_NODE_LIST = 1024;
  public static final int MAX_RACK_CHARS = 255;
  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9_.@$-][A-Za-z0-9_.@$-]{0,63}");

  private Limits() {}

  /**
   * What the leader checks of a client's mutation before it goes into the log: its size, that it
   * names an operation and a client id, and the lengths of its node lists. Everything else is
   * checked where it is applied.
   */
  public static void mutation(MutateRequest r) throws BfsException {
    if (r.getSerializedSize() > MAX_MUTATION_BYTES) {
      throw BfsException.invalid("request of " + r.getSerializedSize() + " bytes; at most " + MAX_MUTATION_BYTES);
    }
    if (r.getOpCase() == MutateRequest.OpCase.OP_NOT_SET) {
      throw BfsException.invalid("empty request");
    }
    clientId(r.getClientId());
    nodeList("exclude_nodes", r.getAddChunk().getExcludeNodesCount(), MAX_NODE_LIST);
    nodeList("survivors", r.getUpdatePipeline().getSurvivorsCount(), MAX_REPLICATION);
    nodeList("failed", r.getUpdatePipeline().getFailedCount(), MAX_NODE_LIST);
  }

  static void clientId(ByteString clientId) throws BfsException {
    if (clientId.size() != Ids.CLIENT_ID_BYTES) {
      throw BfsException.invalid("a client id is " + Ids.CLIENT_ID_BYTES + " bytes");
    }
  }

  private static void nodeList(String what, int count, int max) throws BfsException {
    if (count > max) {
      throw BfsException.invalid(what + ": " + count + " nodes; at most " + max);
    }
  }

  /** A chunkserver's rack name: at most 255 characters, none of them a control character. */
  public static String rack(String rack) throws BfsException {
    if (rack.length() > MAX_RACK_CHARS || rack.chars().anyMatch(Character::isISOControl)) {
      throw BfsException.invalid("bad rack name: at most " + MAX_RACK_CHARS + " characters, no control characters");
    }
    return rack;
  }

  static int mode(int mode) throws BfsException {
    if (mode < 0 || mode > 07777) {
      throw BfsException.invalid("mode " + Integer.toOctalString(mode) + " is not between 0 and 7777 (octal)");
    }
    return mode;
  }

  public static void replication(int replication) throws BfsException {
    if (replication < 1 || replication > MAX_REPLICATION) {
      throw BfsException.invalid("replication factor " + Integer.toUnsignedString(replication)
          + " is not between 1 and " + MAX_REPLICATION);
    }
  }

  static void chunkSize(long chunkSize) throws BfsException {
    if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
      throw BfsException.invalid("chunk size " + Long.toUnsignedString(chunkSize) + " is not between "
          + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE + " bytes");
    }
  }

  /** A user or group name: letters, digits and . _ - @ $, at most 64 characters. */
  public static String principal(String what, String name) throws BfsException {
    if (!PRINCIPAL.matcher(name).matches()) {
      throw BfsException.invalid("bad " + what + " name '" + (name.length() > 70 ? name.substring(0, 70) + "..." : name)
          + "': use letters, digits and . _ - @ $ (at most 64)");
    }
    return name;
  }
}
