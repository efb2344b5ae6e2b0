package io.bigfs.client;

/**
 * How to create a file. Zero values mean the cluster's defaults.
 *
 * @param overwrite     replace an existing file instead of failing
 * @param replication   replicas per chunk (0: cluster default)
 * @param chunkSize     bytes per chunk (0: cluster default)
 * @param mode          permission bits (0: 0666), less the client's umask
 * @param createParents make missing parent directories
 */
public record CreateOptions(boolean overwrite, int replication, long chunkSize, int mode, boolean createParents) {
  public static final CreateOptions DEFAULT = new CreateOptions(false, 0, 0, 0, false);

  public CreateOptions withOverwrite(boolean value) {
    return new CreateOptions(value, replication, chunkSize, mode, createParents);
  }

  public CreateOptions withReplication(int value) {
    return new CreateOptions(overwrite, value, chunkSize, mode, createParents);
  }

  public CreateOptions withChunkSize(long value) {
    return new CreateOptions(overwrite, replication, value, mode, createParents);
  }

  public CreateOptions withMode(int value) {
    return new CreateOptions(overwrite, replication, chunkSize, value, createParents);
  }

  public CreateOptions withCreateParents(boolean value) {
    return new CreateOptions(overwrite, replication, chunkSize, mode, value);
  }
}
