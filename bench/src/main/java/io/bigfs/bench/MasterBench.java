package io.bigfs.bench;

import io.bigfs.client.impl.MasterClient;
import io.bigfs.proto.CreateOp;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metadata throughput, master heap per file, and leader failover, on three Raft masters with
 * production timeouts. Usage: bench/run master [--files N] [--local DIR]. Without --local, the
 * masters and chunkservers run in this JVM (MiniCluster); with it, against the real processes of
 * {@code bfs local start --dir DIR}.
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
    try (Target target = Target.from(args, Map.of())) {
      String root = "/bench-" + System.currentTimeMillis();
      try (MasterClient setup = target.masterClient()) {
        setup.mkdirs(root, 0, true);
      }
      // The JIT needs a while on two cores shared by three masters and the clients.
      creates(target, root + "/warmup1", 16, 20_000);
      creates(target, root + "/warmup2", 1, 2_000);

      double one = creates(target, root + "/c1", 1, 3000);
      double sixteen = creates(target, root + "/c16", 16, 30_000);

      // Memory at two points, once caches (Raft log entries, RocksDB) have filled: what grows
      // between them grows with the number of files.
      creates(target, root + "/mem1", 16, files / 2);
      long[] before = memory(target);
      creates(target, root + "/mem2", 16, files);
      long[] after = memory(target);

      double failoverMs = failover(target, root);

      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("| --- | --- |");
      row("files created+closed/s, 1 thread", one);
      row("files created+closed/s, 16 threads", sixteen);
      String who = target instanceof Target.Local ? "leader master process" : "JVM of 3 masters + 3 chunkservers";
      System.out.printf(Locale.ROOT, "| heap after GC (%s), before %,d more files | %.1f MiB |%n", who, files,
          before[0] / 1048576.0);
      System.out.printf(Locale.ROOT, "| heap after GC, after them | %.1f MiB |%n", after[0] / 1048576.0);
      System.out.printf(Locale.ROOT, "| heap growth per file | %.1f bytes |%n", (after[0] - before[0]) / (double) files);
      if (before[1] > 0) {
        System.out.printf(Locale.ROOT, "| leader RSS before / after | %.0f / %.0f MiB |%n", before[1] / 1048576.0,
            after[1] / 1048576.0);
      }
      System.out.printf(Locale.ROOT, "| leader killed -> first successful mkdir | %.0f ms |%n", failoverMs);
    }
  }

  private static void row(String name, double value) {
    System.out.printf(Locale.ROOT, "| %s | %,.0f |%n", name, value);
  }

  /** Creates (and closes) {@code total} empty files under {@code dir} from {@code threads} clients; files/s. */
  static double creates(Target target, String dir, int threads, int total) throws Exception {
    try (MasterClient c = target.masterClient()) {
      c.mkdirs(dir, 0, true);
    }
    List<MasterClient> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      clients.add(target.masterClient());
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
    System.out.printf(Locale.ROOT, "%s: %,d files created and closed with %d threads in %.1f s (bench JVM CPU %.2f ms each)%n",
        dir, total, threads, seconds, (cpuSeconds() - cpuStart) * 1000 / total);
    return total / seconds;
  }

  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  /** Heap after GC and RSS of the leader master (heap of this JVM for a MiniCluster). */
  static long[] memory(Target target) throws Exception {
    long[] leader = target.leaderMemory();
    if (leader != null) {
      return leader;
    }
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return new long[] {ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), 0};
  }

  /** Kills the leader and times the first mkdir that succeeds afterwards. */
  static double failover(Target target, String root) throws Exception {
    try (MasterClient client = target.masterClient()) {
      client.mkdirs(root + "/failover-warm", 0, true);
      long start = System.nanoTime();
      target.killLeader();
      client.mkdirs(root + "/after-failover", 0, true);
      double ms = (System.nanoTime() - start) / 1e6;
      target.restoreLeader();
      return ms;
    }
  }
}
