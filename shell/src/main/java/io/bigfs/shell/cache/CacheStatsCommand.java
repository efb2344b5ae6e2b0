package io.bigfs.shell.cache;

import io.bigfs.client.CacheConfig;
import io.bigfs.client.cache.CacheStats;
import io.bigfs.client.cache.FileCache;
import io.bigfs.shell.BfsSubcommand;
import io.bigfs.shell.CacheSettings;
import io.bigfs.shell.Session;
import io.bigfs.shell.output.Formats;
import io.bigfs.shell.output.Json;
import io.bigfs.shell.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;

/**
 * {@code bfs cache stats [--json]}: hits, misses, evictions and damaged entries of every process
 * that used the cache directory since it was last cleared, and what it holds now.
 */
@Command(name = "stats", description = "Show the cache's hits, misses, evictions and damaged entries "
    + "(all processes, since the last clear) and what it holds.")
public final class CacheStatsCommand extends BfsSubcommand {
  @Option(names = "--json", description = "One JSON document, sizes in bytes.")
  boolean json;

  CacheStatsCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    CacheConfig config = session.cacheConfig();
    if (!config.enabled()) {
      if (json) {
        Json.print(out(), w -> w.beginObject().name("enabled").value(false).endObject());
      } else {
        out().println("The cache is off (" + CacheSettings.ENV_SIZE + "=0).");
      }
      return OK;
    }
    CacheStats s = new FileCache(config).stats();
    if (json) {
      Json.print(out(), w -> w.beginObject()
          .name("enabled").value(true)
          .name("dir").value(config.dir().toString())
          .name("entries").value(s.entries())
          .name("bytes").value(s.bytes())
          .name("maxBytes").value(s.maxBytes())
          .name("maxFileBytes").value(config.maxFileBytes())
          .name("hits").value(s.hits())
          .name("misses").value(s.misses())
          .name("evictions").value(s.evictions())
          .name("discarded").value(s.discarded())
          .endObject());
      return OK;
    }
    new Table(2)
        .row("Directory:", config.dir())
        .row("Entries:", s.entries())
        .row("Size:", s.bytes() + " bytes (" + Formats.size(s.bytes(), true) + ") of "
            + Formats.size(s.maxBytes(), true) + "; files up to " + Formats.size(config.maxFileBytes(), true))
        .row("Hits:", s.hits())
        .row("Misses:", s.misses())
        .row("Evictions:", s.evictions())
        .row("Damaged:", s.discarded() + " (found and dropped)")
        .print(out());
    return OK;
  }
}
