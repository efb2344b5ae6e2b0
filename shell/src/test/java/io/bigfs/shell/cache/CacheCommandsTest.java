package io.bigfs.shell.cache;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bigfs.client.CacheConfig;
import io.bigfs.shell.BfsTester;
import io.bigfs.shell.BfsTester.Result;
import io.bigfs.shell.CacheSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** bfs cache stats and clear without a cluster, and where the settings come from. (With one: DataCommandsTest.) */
class CacheCommandsTest {
  @TempDir
  Path dir;

  @Test
  void anUnusedCacheHasNothingAndMakesNoDirectory() {
    Path cache = dir.resolve("c");
    try (BfsTester bfs = new BfsTester(null, dir, Map.of(CacheSettings.ENV_DIR, "c", CacheSettings.ENV_SIZE, "64m"))) {
      JsonObject stats = JsonParser.parseString(bfs.ok("cache", "stats", "--json").out()).getAsJsonObject();
      assertThat(stats.get("enabled").getAsBoolean()).isTrue();
      assertThat(stats.get("dir").getAsString()).isEqualTo(cache.toString());
      assertThat(stats.get("maxBytes").getAsLong()).isEqualTo(64L << 20);
      assertThat(stats.get("maxFileBytes").getAsLong()).isEqualTo(8L << 20);
      assertThat(stats.get("entries").getAsLong()).isZero();
      assertThat(stats.get("hits").getAsLong()).isZero();
      assertThat(bfs.ok("cache", "clear").out()).isEqualTo("Removed 0 entries from " + cache + ".\n");
    }
    assertThat(cache).doesNotExist();
  }

  @Test
  void aCacheTurnedOffSaysSo() {
    try (BfsTester bfs = new BfsTester(null, dir, Map.of(CacheSettings.ENV_SIZE, "0"))) {
      assertThat(bfs.ok("cache", "stats").out()).isEqualTo("The cache is off (BFS_CACHE_SIZE=0).\n");
      assertThat(bfs.ok("cache", "stats", "--json").out()).isEqualTo("{\n  \"enabled\": false\n}\n");
      assertThat(bfs.ok("cache", "clear").out()).isEqualTo("The cache is off: nothing to clear.\n");
    }
  }

  @Test
  void aSizeThatIsNoSizeIsOneLine() {
    try (BfsTester bfs = new BfsTester(null, dir, Map.of(CacheSettings.ENV_SIZE, "lots"))) {
      Result r = bfs.run("cache", "stats");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("bfs: BFS_CACHE_SIZE=lots is not a size (e.g. 512m, 2g; 0 for no cache)\n");
    }
  }

  @Test
  void theDirectoryComesFromTheEnvironmentElseTheUsersCacheFolder() throws Exception {
    assertThat(CacheSettings.resolve(Map.of("XDG_CACHE_HOME", "/x/cache"), dir).dir()).isEqualTo(Path.of("/x/cache/bigfs"));
    assertThat(CacheSettings.resolve(Map.of(), dir))
        .isEqualTo(CacheConfig.at(Path.of(System.getProperty("user.home"), ".cache", "bigfs")));
    assertThat(CacheSettings.resolve(Map.of(CacheSettings.ENV_DIR, "/y", "XDG_CACHE_HOME", "/x"), dir).dir())
        .isEqualTo(Path.of("/y"));
  }
}
