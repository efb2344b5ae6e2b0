package io.bigfs.client;

/**
 * How to create a file. Zero values mean the cluster's defaults.
 *
 * @param overwrite     replace an existing file instead of failing
 * @param replication   replicas per chunk (0: cluster default)
 * @param chunkSize     bytes per chunk (0: cluster default)
 * @param mode          permission bits (0: 0666), less the client's umask
 * @param createParents make missing parent directories
 * @param dataFollows   the caller will write data: chunk 0 and its pipeline come with the create,
 *                      one master round fewer per file. Off by default: a file that stays empty
 *                      would have a chunk allocated and dropped for nothing.
 */
public record CreateOptions(boolean overwrite, int replication, long chunkSize, int mode, boolean createParents,
                            boolean dataFollows) {
  public static final CreateOptions DEFAULT = new CreateOptions(false, 0, 0, 0, false, false);

  public CreateOptions withOverwrite(boolean value) {
    return new CreateOptions(value, replication, chunkSize, mode, createParents, dataFollows);
  }

  public CreateOptions withReplication(int value) {
    return new CreateOptions(overwrite, value, chunkSize, mode, createParents, dataFollows);
  }

  public CreateOptions withChunkSize(long value) {
    return new CreateOptions(overwrite, replication, value, mode, createParents, dataFollows);
  }

  public CreateOptions withMode(int value) {
    return new CreateOptions(overwrite, replication, chunkSize, value, createParents, dataFollows);
  }

  public CreateOptions withCreateParents(boolean value) {
    return new CreateOptions(overwrite, replication, chunkSize, mode, value, dataFollows);
  }

  public CreateOptions withDataFollowing(boolean value) {
    return new CreateOptions(overwrite, replication, chunkSize, mode, createParents, value);
  }
}
