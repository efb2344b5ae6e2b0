package io.bigfs.shell.cache;

import io.bigfs.client.CacheConfig;
import io.bigfs.client.cache.FileCache;
import io.bigfs.shell.BfsSubcommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code bfs cache clear}: every entry deleted, the counts back to zero. */
@Command(name = "clear", description = "Delete every cached file and set the counts to zero.")
public final class CacheClearCommand extends BfsSubcommand {
  CacheClearCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    CacheConfig config = session.cacheConfig();
    if (!config.enabled()) {
      out().println("The cache is off: nothing to clear.");
      return OK;
    }
    int removed = new FileCache(config).clear();
    out().println("Removed " + removed + (removed == 1 ? " entry" : " entries") + " from " + config.dir() + ".");
    return OK;
  }
}
