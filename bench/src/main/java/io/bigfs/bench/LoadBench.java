package io.bigfs.bench;

import io.bigfs.client.BfsClient;
import io.bigfs.client.CreateOptions;
import io.bigfs.client.MasterReport;
import io.bigfs.client.impl.MasterClient;
import io.bigfs.proto.CreateOp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A steady load against the processes of {@code bfs local start --dir DIR}, and what
 * each process spends on it: operations per second and CPU microseconds per operation for the
 * leader, each follower, each chunkserver and this client, measured after a warm-up (the JIT
 * compilers take the first minutes). The tool for profiling CPU per request; the comparison with
 * HDFS is CompareBench. {@code read} reads 64 KiB files (50 per thread, written first) whole,
 * checking their bytes. Usage: bench/run load --local DIR [--op stat|mkdir|create|read]
 * [--threads 1] [--seconds 120] [--warmup 60].
 */
public final class LoadBench {
  private static final int SMALL_FILES = 50;
  private static final int SMALL_FILE_BYTES = 64 * 1024;
  /** What small file i holds, made once: the client's CPU per read is part of what is measured. */
  private static final byte[][] SMALL_FILE_CONTENTS = new byte[SMALL_FILES][];

  static {
    for (int i = 0; i < SMALL_FILES; i++) {
      SMALL_FILE_CONTENTS[i] = new byte[SMALL_FILE_BYTES];
      Arrays.fill(SMALL_FILE_CONTENTS[i], (byte) i);
    }
  }

  private LoadBench() {}

  public static void main(String[] args) throws Exception {
    String op = "stat";
    int threads = 1;
    int seconds = 120;
    int warmup = 60;
    boolean local = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--op" -> op = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--local" -> {
          local = true;
          i++;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (usage: bench/run load --local DIR [--op stat|mkdir|create|read] [--threads N] [--seconds S] [--warmup S])");
      }
    }
    if (!List.of("stat", "mkdir", "create", "read").contains(op)) {
      throw new IllegalArgumentException("unknown --op " + op + " (stat, mkdir, create or read)");
    }
    if (!local) {
      throw new IllegalArgumentException("bench/run load needs --local DIR: it reads each process's CPU");
    }
    try (Target target = Target.from(args, Map.of());
         MasterClient client = target.masterClient();
         BfsClient files = target.client()) {
      Target.Local cluster = (Target.Local) target;
      String root = "/load-" + System.currentTimeMillis();
      client.mkdirs(root, 0, true);
      AtomicLong done = new AtomicLong();
      AtomicReference<Exception> failure = new AtomicReference<>();
      // Each worker sets up (its folder, and for reads its files) before the clock starts.
      CountDownLatch ready = new CountDownLatch(threads);
      AtomicLong end = new AtomicLong(Long.MAX_VALUE);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String dir = root + "/t" + t;
        String which = op;
        Thread worker = new Thread(() -> {
          try {
            client.mkdirs(dir, 0, true);
            if (which.equals("read")) {
              writeSmallFiles(files, dir);
            }
            ready.countDown();
            ready.await();
            run(client, files, which, dir, end, done);
          } catch (Exception e) {
            failure.compareAndSet(null, e);
            ready.countDown();
          }
        }, "load-" + t);
        worker.setDaemon(true);
        worker.start();
        workers.add(worker);
      }
      ready.await();
      if (failure.get() != null) {
        throw failure.get();
      }
      end.set(System.nanoTime() + Duration.ofSeconds(warmup + seconds).toNanos());
      progress(done, failure, warmup * 1000L);
      System.err.println("warm-up done; measuring");
      Map<String, Long> pids = roles(cluster);
      Map<String, Duration> cpuBefore = cpu(pids);
      long opsBefore = done.get();
      long start = System.nanoTime();
      progress(done, failure, seconds * 1000L);
      for (Thread w : workers) {
        w.join();
      }
      long ops = done.get() - opsBefore;
      double elapsed = (System.nanoTime() - start) / 1e9;
      Map<String, Duration> cpuAfter = cpu(pids);

      System.out.println();
      System.out.printf(Locale.ROOT, "%s, %d thread(s), %d s after %d s of warm-up: %,.0f ops/s%n%n",
          op, threads, seconds, warmup, ops / elapsed);
      System.out.println("| process | CPU, % of a core | CPU per operation (us) |");
      System.out.println("| --- | ---: | ---: |");
      for (String role : pids.keySet()) {
        double cpuSeconds = (cpuAfter.get(role).toNanos() - cpuBefore.get(role).toNanos()) / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", role, 100 * cpuSeconds / elapsed,
            ops == 0 ? 0 : cpuSeconds * 1e6 / ops);
      }
    }
  }

  private static void run(MasterClient c, BfsClient files, String op, String dir, AtomicLong end, AtomicLong done)
      throws IOException {
    for (long i = 0; System.nanoTime() < end.get(); i++) {
      switch (op) {
        case "stat" -> c.stat(dir);
        case "mkdir" -> c.mkdirs(dir + "/d" + i, 0, false);
        case "read" -> readSmallFile(files, dir, (int) (i % SMALL_FILES));
        default -> {
          var f = c.create(CreateOp.newBuilder().setPath(dir + "/f" + i).build());
          c.complete(f.getPath(), f.getInodeId(), 0);
        }
      }
      done.incrementAndGet();
    }
  }

  private static void writeSmallFiles(BfsClient files, String dir) throws IOException {
    for (int i = 0; i < SMALL_FILES; i++) {
      try (OutputStream out = files.create(dir + "/s" + i, CreateOptions.DEFAULT.withDataFollowing(true))) {
        out.write(SMALL_FILE_CONTENTS[i]);
      }
    }
  }

  private static void readSmallFile(BfsClient files, String dir, int i) throws IOException {
    try (InputStream in = files.open(dir + "/s" + i)) {
      if (!Arrays.equals(in.readAllBytes(), SMALL_FILE_CONTENTS[i])) {
        throw new IOException(dir + "/s" + i + " read back different bytes");
      }
    }
  }

  /** Prints the rate every 10 s for {@code millis}; throws what a worker failed with. */
  private static void progress(AtomicLong done, AtomicReference<Exception> failure, long millis)
      throws Exception {
    long until = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < until) {
      long n = done.get();
      long t = System.nanoTime();
      Thread.sleep(Math.min(10_000, Math.max(1, until - System.currentTimeMillis())));
      System.err.printf(Locale.ROOT, "%,.0f ops/s%n", (done.get() - n) / ((System.nanoTime() - t) / 1e9));
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }

  /** Leader, followers, chunkservers and this client, each with its process id. */
  private static Map<String, Long> roles(Target.Local cluster) throws Exception {
    Map<String, Long> pids = new LinkedHashMap<>();
    String leader = cluster.leaderId();
    pids.put("leader " + leader, cluster.pidOf(leader));
    try (BfsClient c = cluster.client()) {
      for (MasterReport m : c.masters()) {
        if (!m.id().equals(leader)) {
          pids.put("follower " + m.id(), cluster.pidOf(m.id()));
        }
      }
    }
    for (String chunkserver : cluster.chunkservers()) {
      pids.put("chunkserver " + chunkserver, cluster.pidOf(chunkserver));
    }
    pids.put("client (this JVM)", ProcessHandle.current().pid());
    return pids;
  }

  private static Map<String, Duration> cpu(Map<String, Long> pids) {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    pids.forEach((role, pid) -> cpu.put(role, ProcessHandle.of(pid)
        .flatMap(p -> p.info().totalCpuDuration())
        .orElseThrow(() -> new IllegalStateException("cannot read the CPU time of " + role + " (pid " + pid + ")"))));
    return cpu;
  }
}
