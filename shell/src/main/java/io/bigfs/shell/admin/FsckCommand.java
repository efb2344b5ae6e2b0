package io.bigfs.shell.admin;

import com.google.gson.stream.JsonWriter;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.FileInfo;
import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.fs.TreeWalk;
import io.bigfs.shell.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bfs fsck [--json] [PATH]}: for each file below PATH, its chunks' live replicas against
 * its replication factor (under-, over-replicated, missing, with a corrupt replica), then a
 * summary. Exit code 1 when a chunk has no live replica at all (data is unreadable), 0
 * otherwise: the rest is what the masters repair on their own.
 */
@Command(name = "fsck", description = {"Check the replicas of every file below PATH (default /).",
    "Exit code 1 when some chunk has no live replica."})
public final class FsckCommand extends ClientCommand {
  @Option(names = "--json", description = "One JSON document with every file and the summary.")
  boolean json;

  @Parameters(paramLabel = "PATH", defaultValue = "/", arity = "0..1")
  String path;

  private final Map<Health, Long> chunkCounts = new EnumMap<>(Health.class);
  private final List<FileCheck> checked = new ArrayList<>();
  private long files;
  private long directories;

  FsckCommand(Session session) {
    super(session);
    for (Health h : Health.values()) {
      chunkCounts.put(h, 0L);
    }
  }

  /** One file's chunks, as the masters placed them. */
  private record FileCheck(FileInfo file, List<ChunkInfo> chunks, Health health) {}

  @Override
  protected int run() throws IOException {
    String top = resolve(path);
    TreeWalk.walk(client(), client().stat(top), entry -> {
      if (entry.directory()) {
        directories++;
      } else {
        check(entry);
      }
    });
    Health overall = worstSeen();
    if (json) {
      Json.print(out(), w -> writeJson(w, top, overall));
    } else {
      printSummary(top, overall);
    }
    return overall == Health.MISSING ? FAILED : OK;
  }

  private void check(FileInfo file) throws IOException {
    files++;
    List<ChunkInfo> chunks = client().chunks(file.path(), 0, 0);
    chunks.forEach(c -> chunkCounts.merge(Health.of(c, file.replication()), 1L, Long::sum));
    FileCheck check = new FileCheck(file, chunks, Health.worst(chunks, file.replication()));
    if (json) {
      checked.add(check);
    } else {
      printFile(check);
    }
  }

  private void printFile(FileCheck c) {
    int n = c.chunks().size();
    out().println(c.file().path() + ": " + n + (n == 1 ? " chunk" : " chunks") + ", "
        + (n == 0 ? "no" : minLive(c.chunks()) + "/" + c.file().replication()) + " replicas, " + c.health().label());
    for (ChunkInfo chunk : c.chunks()) {
      Health h = Health.of(chunk, c.file().replication());
      if (h != Health.HEALTHY) {
        out().println("  chunk " + chunk.index() + " (id " + chunk.chunkId() + "): " + chunk.nodes().size() + " of "
            + c.file().replication() + " replicas" + (chunk.nodes().isEmpty() ? "" : " on " + String.join(", ",
            chunk.nodes())) + ", " + h.label());
      }
    }
  }

  private void printSummary(String top, Health overall) {
    out().println();
    out().println("Status of " + top + ": " + (overall == Health.MISSING ? "CORRUPT" : overall.label()));
    out().println("  Directories: " + directories + "  Files: " + files + "  Chunks: " + totalChunks());
    out().println("  Healthy chunks: " + chunkCounts.get(Health.HEALTHY) + "  Under-replicated: "
        + chunkCounts.get(Health.UNDER_REPLICATED) + "  Missing: " + chunkCounts.get(Health.MISSING)
        + "  Over-replicated: " + chunkCounts.get(Health.OVER_REPLICATED) + "  With a corrupt replica: "
        + chunkCounts.get(Health.CORRUPT_REPLICA));
  }

  private void writeJson(JsonWriter w, String top, Health overall) throws IOException {
    w.beginObject()
        .name("path").value(top)
        .name("status").value(overall == Health.MISSING ? "CORRUPT" : overall.name())
        .name("directories").value(directories)
        .name("files").value(files)
        .name("chunks").value(totalChunks())
        .name("healthyChunks").value(chunkCounts.get(Health.HEALTHY))
        .name("underReplicatedChunks").value(chunkCounts.get(Health.UNDER_REPLICATED))
        .name("missingChunks").value(chunkCounts.get(Health.MISSING))
        .name("overReplicatedChunks").value(chunkCounts.get(Health.OVER_REPLICATED))
        .name("chunksWithCorruptReplica").value(chunkCounts.get(Health.CORRUPT_REPLICA))
        .name("entries").beginArray();
    for (FileCheck c : checked) {
      w.beginObject()
          .name("path").value(c.file().path())
          .name("replication").value(c.file().replication())
          .name("openForWriting").value(c.file().underConstruction())
          .name("chunks").value(c.chunks().size())
          .name("minLiveReplicas").value(c.chunks().isEmpty() ? 0 : minLive(c.chunks()))
          .name("status").value(c.health().name())
          .name("problems").beginArray();
      for (ChunkInfo chunk : c.chunks()) {
        Health h = Health.of(chunk, c.file().replication());
        if (h != Health.HEALTHY) {
          w.beginObject().name("index").value(chunk.index()).name("chunkId").value(chunk.chunkId())
              .name("complete").value(chunk.complete())
              .name("liveReplicas").value(chunk.nodes().size())
              .name("corruptReplicas").value(chunk.corruptReplicas()).name("status").value(h.name())
              .name("nodes").beginArray();
          for (String node : chunk.nodes()) {
            w.value(node);
          }
          w.endArray().endObject();
        }
      }
      w.endArray().endObject();
    }
    w.endArray().endObject();
  }

  private Health worstSeen() {
    Health worst = Health.HEALTHY;
    for (Health h : Health.values()) {
      if (chunkCounts.get(h) > 0) {
        worst = h;
      }
    }
    return worst;
  }

  private long totalChunks() {
    return chunkCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static int minLive(List<ChunkInfo> chunks) {
    return chunks.stream().mapToInt(c -> c.nodes().size()).min().orElse(0);
  }
}
