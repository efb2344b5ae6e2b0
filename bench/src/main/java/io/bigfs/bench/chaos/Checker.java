package io.bigfs.bench.chaos;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.FileInfo;
import io.bigfs.client.MasterDigest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After the faults stop and the cluster heals: every acknowledged file is there with its bytes,
 * acknowledged renames and deletes took effect exactly once, nothing appeared that nobody wrote,
 * {@code bfs fsck} is clean, and the three masters hold identical state.
 */
final class Checker {
  private static final long HEAL_TIMEOUT_MS = 180_000;
  /** Chunks of an unclean fsck whose story is told from the nodes' logs. */
  private static final int CHUNKS_EXPLAINED = 3;
  private static final int LOG_LINES_PER_CHUNK = 40;

  private final LocalNodes nodes;
  private final BfsClient fs;
  private final List<String> anomalies = new ArrayList<>();
  private long filesChecked;

  Checker(LocalNodes nodes, BfsClient fs) {
    this.nodes = nodes;
    this.fs = fs;
  }

  /**
   * Heals first (fsck clean: every chunk has its replicas back, and the leader has heard from
   * every chunkserver), then reads everything, then compares the masters.
   */
  List<String> check(Ledger ledger) throws IOException, InterruptedException {
    awaitFsckClean();
    Set<String> present = new HashSet<>();
    for (FileInfo f : fs.list(Workload.DIR)) {
      present.add(f.path());
    }
    for (Map.Entry<String, Ledger.Written> e : ledger.files().entrySet()) {
      if (!present.contains(e.getKey())) {
        anomalies.add("acknowledged file " + e.getKey() + " (" + e.getValue().length() + " bytes) is missing");
      } else {
        verify(e.getKey(), e.getValue());
      }
    }
    for (String path : ledger.gone()) {
      if (present.contains(path)) {
        anomalies.add(path + " exists, but its delete or rename away was acknowledged");
      }
    }
    checkDoubtful(ledger, present);
    for (String path : present) {
      if (!ledger.files().containsKey(path) && !ledger.doubtful().containsKey(path)
          && !ledger.doubtfulWrites().contains(path)) {
        anomalies.add(path + " exists, but no acknowledged or attempted operation made it");
      }
    }
    awaitMastersAgree();
    return List.copyOf(anomalies);
  }

  long filesChecked() {
    return filesChecked;
  }

  /** A rename in doubt left the file at exactly one of its two paths; a delete in doubt, at most one. */
  private void checkDoubtful(Ledger ledger, Set<String> present) {
    for (Map.Entry<String, Ledger.Written> e : ledger.doubtful().entrySet()) {
      if (present.contains(e.getKey())) {
        verify(e.getKey(), e.getValue());
      }
    }
    Map<Long, Integer> copies = new java.util.HashMap<>();
    ledger.doubtful().forEach((path, w) -> {
      if (present.contains(path)) {
        copies.merge(w.id(), 1, Integer::sum);
      }
    });
    copies.forEach((id, n) -> {
      if (n > 1) {
        anomalies.add("file " + id + " exists under " + n + " paths after a rename in doubt");
      }
    });
  }

  private void verify(String path, Ledger.Written w) {
    byte[] data;
    try (BfsInputStream in = fs.open(path)) {
      data = in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      anomalies.add(path + " (acknowledged, " + w.length() + " bytes) cannot be read after healing: " + e.getMessage());
      return;
    }
    filesChecked++;
    String sha = Workload.sha256(data);
    if (data.length != w.length() || !sha.equals(w.sha256())) {
      anomalies.add(path + ": " + data.length + " bytes with sha256 " + sha + ", but " + w.length()
          + " bytes with sha256 " + w.sha256() + " were acknowledged");
    }
  }

  /** Re-replication after killed nodes and rotted replicas takes a while: fsck must come clean in time. */
  private void awaitFsckClean() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + HEAL_TIMEOUT_MS;
    String last = "";
    JsonObject doc = null;
    while (System.currentTimeMillis() < deadline) {
      LocalNodes.Result r = nodes.client("fsck", "/", "--json");
      doc = JsonParser.parseString(r.out()).getAsJsonObject();
      if (doc.get("status").getAsString().equals("HEALTHY")) {
        return;
      }
      last = doc.get("status").getAsString() + ": " + doc.get("underReplicatedChunks") + " under-replicated, "
          + doc.get("missingChunks") + " missing, " + doc.get("chunksWithCorruptReplica") + " with a corrupt replica";
      Thread.sleep(2_000);
    }
    anomalies.add("fsck not clean " + HEAL_TIMEOUT_MS / 1000 + " s after the faults stopped: " + last
        + explain(doc));
  }

  /**
   * The unhealthy chunks fsck listed last, each with what the nodes' logs say about it: a
   * failure in CI leaves only its output behind, so the output must carry the evidence.
   */
  private String explain(JsonObject fsck) throws IOException {
    if (fsck == null) {
      return "";
    }
    StringBuilder story = new StringBuilder();
    int explained = 0;
    for (JsonElement e : fsck.getAsJsonArray("entries")) {
      JsonObject file = e.getAsJsonObject();
      for (JsonElement p : file.getAsJsonArray("problems")) {
        if (explained++ == CHUNKS_EXPLAINED) {
          return story.toString();
        }
        String chunkId = p.getAsJsonObject().get("chunkId").getAsString();
        story.append("\n    ").append(file.get("path").getAsString()).append(" (open for writing: ")
            .append(file.get("openForWriting")).append("): ").append(p);
        for (String line : nodes.logLinesMentioning("chunk " + chunkId, LOG_LINES_PER_CHUNK)) {
          story.append("\n      ").append(line);
        }
      }
    }
    return story.toString();
  }

  /** The masters reach one applied index (nothing is written now) and must then hold the same state. */
  private void awaitMastersAgree() throws InterruptedException {
    long deadline = System.currentTimeMillis() + HEAL_TIMEOUT_MS;
    List<MasterDigest> last = List.of();
    while (System.currentTimeMillis() < deadline) {
      last = fs.digests();
      boolean allUp = last.stream().allMatch(MasterDigest::reachable);
      if (allUp && last.stream().map(MasterDigest::appliedIndex).distinct().count() == 1) {
        if (last.stream().map(MasterDigest::sha256).distinct().count() > 1) {
          anomalies.add("masters at applied index " + last.get(0).appliedIndex() + " hold different state: " + last);
        }
        return;
      }
      Thread.sleep(500);
    }
    anomalies.add("masters never reached one applied index: " + last);
  }
}
