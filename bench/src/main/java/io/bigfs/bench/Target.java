package io.bigfs.bench;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsClientConfig;
import io.bigfs.client.MasterReport;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.common.rpc.Addresses;
import io.bigfs.common.rpc.MasterChannels;
import io.bigfs.master.MasterConfig;
import io.bigfs.testing.MiniCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cluster a benchmark runs against: a MiniCluster in this JVM, or a local cluster of real
 * processes started by {@code bfs local start} (--local DIR), whose leader can be killed by pid.
 */
abstract class Target implements AutoCloseable {
  abstract List<String> masters();

  /** Kills the current leader master abruptly. */
  abstract void killLeader() throws Exception;

  /** Brings back what {@link #killLeader} killed. */
  abstract void restoreLeader() throws Exception;

  /** Master heap and RSS in bytes, where they can be read; null otherwise. */
  abstract long[] leaderMemory() throws Exception;

  BfsClient client() {
    return BfsClient.connect(new BfsClientConfig(masters(), MiniCluster.USER, 15_000, 120_000, 10_000));
  }

  MasterClient masterClient() {
    return new MasterClient(new MasterChannels(masters(), 15_000, 120_000), MiniCluster.USER);
  }

  static Target from(String[] args, Map<String, String> masterSettings) throws IOException {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--local")) {
        return new Local(Path.of(args[i + 1]));
      }
    }
    MiniCluster.Builder b = MiniCluster.builder().chunkservers(3)
        .master(MasterConfig.ELECTION_MIN.name(), 1000)
        .master(MasterConfig.ELECTION_MAX.name(), 2000);
    masterSettings.forEach(b::master);
    return new Mini(b.start());
  }

  static final class Mini extends Target {
    private final MiniCluster cluster;
    private int killed = -1;

    Mini(MiniCluster cluster) {
      this.cluster = cluster;
    }

    @Override
    List<String> masters() {
      return cluster.masterAddressList();
    }

    @Override
    void killLeader() {
      killed = cluster.leaderIndex();
      cluster.killMaster(killed);
    }

    @Override
    void restoreLeader() {
      cluster.startMaster(killed);
    }

    @Override
    long[] leaderMemory() {
      return null;
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  static final class Local extends Target {
    private final Path dir;
    private String killed;

    Local(Path dir) {
      this.dir = dir;
    }

    @Override
    List<String> masters() {
      try {
        return Addresses.parseList(Files.readString(dir.resolve("masters")).trim());
      } catch (IOException e) {
        throw new IllegalStateException("no local cluster in " + dir + ": " + e.getMessage());
      }
    }

    String leaderId() {
      try (BfsClient c = client()) {
        return c.masters().stream().filter(m -> m.role().equals("LEADER")).map(MasterReport::id)
            .findFirst().orElseThrow(() -> new IllegalStateException("no leader"));
      }
    }

    /** The chunkservers' node names (cs1, cs2, ...), from their pid files. */
    List<String> chunkservers() throws IOException {
      try (var files = Files.list(dir)) {
        return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("cs\\d+\\.pid"))
            .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
      }
    }

    long pidOf(String node) throws IOException {
      return Long.parseLong(Files.readString(dir.resolve(node + ".pid")).trim());
    }

    @Override
    void killLeader() throws Exception {
      killed = leaderId();
      ProcessHandle.of(pidOf(killed)).orElseThrow().destroyForcibly();
    }

    @Override
    void restoreLeader() throws Exception {
      Process p = new ProcessBuilder("bin/bfs", "local", "restart", killed, "--dir", dir.toString())
          .inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("bfs local restart " + killed + " failed");
      }
    }

    @Override
    long[] leaderMemory() throws Exception {
      String id = leaderId();
      long pid = pidOf(id);
      // Heap after a full GC comes from the master's own metrics; RSS from /proc.
      new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").start().waitFor();
      long heap = Metrics.gauge(masterHttp(id), "jvm_memory_used_bytes", "area=\"heap\"");
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return new long[] {heap, rss};
    }

    private String masterHttp(String id) throws IOException {
      for (String line : Files.readAllLines(dir.resolve(id + ".properties"))) {
        if (line.startsWith(MasterConfig.HTTP_PORT.name() + "=")) {
          return "http://127.0.0.1:" + line.substring(line.indexOf('=') + 1).trim() + "/metrics";
        }
      }
      throw new IOException("no http port for " + id);
    }

    @Override
    public void close() {
      // The local cluster outlives the benchmark; stop it with bfs local stop.
    }
  }
}
