package io.bigfs.shell.fs;

import io.bigfs.client.CreateOptions;
import io.bigfs.shell.SizeConverter;
import picocli.CommandLine.Option;

/** The options put, get and cp share. */
public final class CopyFlags {
  @Option(names = {"-r", "-R"}, description = "Copy directories and everything in them.")
  boolean recursive;

  @Option(names = "-f", description = "Overwrite files that exist at the destination.")
  boolean force;

  @Option(names = "--replication", paramLabel = "N", description = "Replicas of new BigFS files (default: the cluster's).")
  int replication;

  @Option(names = "--chunk-size", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Chunk size of new BigFS files, e.g. 64m (default: the cluster's).")
  long chunkSize;

  /** How new BigFS files are created. */
  CreateOptions createOptions() {
    // A copy writes what it read: chunk 0 may as well come with the create.
    return CreateOptions.DEFAULT.withOverwrite(force).withReplication(replication).withChunkSize(chunkSize)
        .withDataFollowing(true);
  }
}
