package io.bigfs.client;

import io.bigfs.proto.MasterInfoReply;

/**
 * One master's own view of the Raft group; {@code reachable} is false when it did not answer
 * (then the other fields are empty).
 */
public record MasterReport(String address, boolean reachable, String id, String role, long term, long commitIndex,
                           long appliedIndex, String leaderId, long snapshotIndex, String error) {

  public static MasterReport of(String address, MasterInfoReply r) {
    return new MasterReport(address, true, r.getId(), r.getRole(), r.getTerm(), r.getCommitIndex(),
        r.getAppliedIndex(), r.getLeaderId(), r.getSnapshotIndex(), "");
  }

  public static MasterReport unreachable(String address, String error) {
    return new MasterReport(address, false, "", "UNREACHABLE", 0, 0, 0, "", 0, error);
  }
}
