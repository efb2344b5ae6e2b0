package io.bigfs.shell.cache;

import io.bigfs.shell.CommandGroup;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

/** {@code bfs cache stats|clear}: the local cache that cat, get and tail read through. */
@Command(name = "cache",
    description = "The local cache of files read by cat, get and tail (BFS_CACHE_DIR, BFS_CACHE_SIZE): stats, clear.",
    subcommands = {CacheStatsCommand.class, CacheClearCommand.class})
public final class CacheCommand extends CommandGroup {
  CacheCommand(Session session) {
    super(session);
  }
}
