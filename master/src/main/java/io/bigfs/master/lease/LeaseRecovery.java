package io.bigfs.master.lease;

import io.bigfs.proto.RecoveredFile;

import java.util.List;

/** Finds how much of each file an expired holder was writing survives on the chunkservers. */
@FunctionalInterface
public interface LeaseRecovery {
  /** The files of {@code holder} with the lengths to close them at; files left out keep their completed chunks. */
  List<RecoveredFile> recover(byte[] holder);
}
