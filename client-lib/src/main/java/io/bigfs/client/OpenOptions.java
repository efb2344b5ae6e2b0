package io.bigfs.client;

/**
 * How to open a file for reading.
 *
 * @param cache read through the client's cache when it has one ({@link BfsClientConfig#withCache})
 */
public record OpenOptions(boolean cache) {
  public static final OpenOptions DEFAULT = new OpenOptions(true);

  public OpenOptions withCache(boolean value) {
    return new OpenOptions(value);
  }
}
