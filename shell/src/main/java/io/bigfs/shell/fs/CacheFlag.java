package io.bigfs.shell.fs;

import io.bigfs.client.OpenOptions;
import picocli.CommandLine.Option;

/** --no-cache, for the commands that read files through the cache (cat, get, tail). */
public final class CacheFlag {
  @Option(names = "--no-cache", description = "Read from the chunkservers even when the local cache has the file, "
      + "and leave the cache as it is.")
  boolean noCache;

  public OpenOptions openOptions() {
    return OpenOptions.DEFAULT.withCache(!noCache);
  }
}
