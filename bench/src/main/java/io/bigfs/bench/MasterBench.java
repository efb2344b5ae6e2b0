package io.bigfs.bench;

import io.bigfs.client.impl.MasterClient;
import io.bigfs.master.MasterConfig;
import io.bigfs.proto.CreateOp;
import io.bigfs.testing.MiniCluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metadata throughput, master heap per file, and leader failover, on three real Ratis masters
 * in one JVM (MiniCluster) with production Raft timeouts. Usage: bench/run master [--files N].
 */
public final class MasterBench {
  private MasterBench() {}

  public static void main(String[] args) throws Exception {
    int files = 100_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--files")) {
        files = Integer.parseInt(args[++i]);
      }
    }
    try (MiniCluster cluster = MiniCluster.builder().chunkservers(3)
        .master(MasterConfig.ELECTION_MIN.name(), 1000)
        .master(MasterConfig.ELECTION_MAX.name(), 2000)
        .start()) {
      MasterClient setup = cluster.newMasterClient();
      setup.mkdirs("/bench", 0, false);
      // The JIT needs a while on two cores shared by three masters and the clients.
      creates(cluster, "/bench/warmup1", 16, 20_000);
      creates(cluster, "/bench/warmup2", 1, 2_000);

      double one = creates(cluster, "/bench/c1", 1, 3000);
      double sixteen = creates(cluster, "/bench/c16", 16, 30_000);

      // Heap at two points, once caches (Raft log entries, RocksDB) have filled: what grows
      // between them grows with the number of files.
      creates(cluster, "/bench/mem1", 16, files / 2);
      long heapBefore = usedHeapAfterGc();
      long filesBefore = fileCount(cluster);
      creates(cluster, "/bench/mem2", 16, files);
      long heapAfter = usedHeapAfterGc();
      long filesTotal = fileCount(cluster);

      double failoverMs = failover(cluster);

      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("| --- | --- |");
      row("files created+closed/s, 1 thread", one);
      row("files created+closed/s, 16 threads", sixteen);
      System.out.printf(Locale.ROOT, "| heap after GC with %,d files | %.1f MiB |%n", filesBefore, heapBefore / 1048576.0);
      System.out.printf(Locale.ROOT, "| heap after GC with %,d files | %.1f MiB |%n", filesTotal,
          heapAfter / 1048576.0);
      System.out.printf(Locale.ROOT, "| heap growth per file (3 masters in this JVM) | %.1f bytes |%n",
          (heapAfter - heapBefore) / (double) files);
      System.out.printf(Locale.ROOT, "| leader killed -> first successful mkdir | %.0f ms |%n", failoverMs);
    }
  }

  private static void row(String name, double value) {
    System.out.printf(Locale.ROOT, "| %s | %,.0f |%n", name, value);
  }

  static long fileCount(MiniCluster cluster) {
    return cluster.master(cluster.leaderIndex()).stateMachine().namespace().counters().files();
  }

  /** Creates (and closes) {@code total} empty files under {@code dir} from {@code threads} clients; returns creates per second. */
  static double creates(MiniCluster cluster, String dir, int threads, int total) throws Exception {
    cluster.newMasterClient().mkdirs(dir, 0, true);
    List<MasterClient> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      clients.add(cluster.newMasterClient());
    }
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    double cpuStart = cpuSeconds();
    List<Future<?>> done = new ArrayList<>();
    for (MasterClient client : clients) {
      done.add(pool.submit(() -> {
        for (long i; (i = next.getAndIncrement()) < total; ) {
          var f = client.create(CreateOp.newBuilder().setPath(dir + "/f" + i).build());
          client.complete(f.getPath(), f.getInodeId(), 0);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    clients.forEach(MasterClient::close);
    System.out.printf(Locale.ROOT, "%s: %,d files created and closed with %d threads in %.1f s, %.2f ms CPU each%n",
        dir, total, threads, seconds, (cpuSeconds() - cpuStart) * 1000 / total);
    return total / seconds;
  }

  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Kills the leader and times the first mkdir that succeeds afterwards. */
  static double failover(MiniCluster cluster) throws Exception {
    MasterClient client = cluster.newMasterClient();
    client.mkdirs("/bench/failover-warm", 0, true);
    int leader = cluster.leaderIndex();
    long start = System.nanoTime();
    cluster.killMaster(leader);
    client.mkdirs("/bench/after-failover", 0, true);
    double ms = (System.nanoTime() - start) / 1e6;
    cluster.waitForLeader(Duration.ofSeconds(30));
    return ms;
  }
}
