package io.bigfs.bench.compare;

import io.bigfs.bench.Stats;
import io.bigfs.common.config.Sizes;
import io.bigfs.common.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * BigFS side by side with HDFS on this machine, in one run: the same workloads through each
 * system's own client library, both clusters in this JVM on loopback and the same disk, one
 * after the other, and the raw disk's limits measured first. Prints a markdown table of rates
 * and ratios and writes it, with the machine, date and versions, to bench/RESULTS.md.
 *
 * <p>Usage: bench/run compare [--size 1g] [--ops 10000] [--small-files 4000] [--files 1000000]
 * [--kills 3] [--dir DIR] [--out FILE] [--only bigfs|hdfs] [--warm-up-round SECONDS]
 * [--warm-up-max-rounds N]
 */
public final class CompareBench {
  private CompareBench() {}

  /** What to run and how big; the defaults are the sizes. */
  static final class Options {
    Path dir = Path.of("bench/target/compare");
    /** Null: bench/RESULTS.md for a run of both systems, else a file under bench/target (see {@link #out()}). */
    Path out;
    long bytesPerClient = Sizes.GIB;
    long diskBytes = Sizes.GIB;
    long chunkSize = 64 * Sizes.MIB;
    int ops = 10_000;
    int smallFiles = 4_000;
    int memoryFiles = 1_000_000;
    /** Leader kills for the failover row, which shows their median. */
    int kills = 3;
    /** How long each unmeasured round of a metadata operation runs while the JIT warms up. */
    double warmUpRoundSeconds = 2;
    /** Rounds after which a metadata operation counts as warm whatever its rate and the JIT do. */
    int warmUpMaxRounds = 40;
    String only = "";
    /** Drop the page cache before reads (as root); the smoke test skips it, as sync is slow on a busy machine. */
    boolean coldReads = true;
    String command = "bench/run compare";

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String v = args[++i];
        switch (args[i - 1]) {
          case "--size" -> o.bytesPerClient = o.diskBytes = Sizes.parse(v);
          case "--ops" -> o.ops = Integer.parseInt(v);
          case "--small-files" -> o.smallFiles = Integer.parseInt(v);
          case "--files" -> o.memoryFiles = Integer.parseInt(v);
          case "--kills" -> o.kills = Integer.parseInt(v);
          case "--dir" -> o.dir = Path.of(v);
          case "--out" -> o.out = Path.of(v);
          case "--only" -> o.only = v.toLowerCase(Locale.ROOT);
          case "--cold-reads" -> o.coldReads = Boolean.parseBoolean(v);
          case "--warm-up-round" -> o.warmUpRoundSeconds = Double.parseDouble(v);
          case "--warm-up-max-rounds" -> o.warmUpMaxRounds = Integer.parseInt(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i - 1]
              + " (known: --size --ops --small-files --files --kills --dir --out --only --cold-reads --warm-up-round"
              + " --warm-up-max-rounds)");
        }
      }
      if (o.kills < 1) {
        throw new IllegalArgumentException("--kills must be at least 1");
      }
      o.command = String.join(" ", "bench/run compare", String.join(" ", args)).trim();
      return o;
    }

    /**
     * Where the report goes. A run of one system alone is a probe, not the side-by-side table, so
     * unless told otherwise it stays out of bench/RESULTS.md (a probe once overwrote the table there).
     */
    Path out() {
      if (out != null) {
        return out;
      }
      return only.isEmpty() ? Path.of("bench/RESULTS.md") : Path.of("bench/target/compare-" + only + ".md");
    }

    boolean runs(String system) {
      return only.isEmpty() || only.equals(system);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Results results = run(options, System.out);
    String report = report(options, results);
    System.out.println();
    System.out.println(results.markdown());
    Path out = options.out();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    System.out.println("written to " + out);
  }

  /** Runs every workload on both systems; what each measured, as rows. */
  static Results run(Options o, PrintStream log) throws Exception {
    Files.createDirectories(o.dir);
    log.printf("raw disk: %s sequential write (fsync) and read (O_DIRECT) in %s%n", Sizes.human(o.diskBytes), o.dir);
    double[] disk = DiskLimit.run(o.dir, o.diskBytes, o.coldReads);
    log.printf(Locale.ROOT, "raw disk: write %.0f MB/s, read %.0f MB/s%n", disk[0], disk[1]);
    Map<String, Double> bigfs = o.runs("bigfs") ? measure(o, log, "bigfs") : new LinkedHashMap<>();
    Map<String, Double> hdfs = o.runs("hdfs") ? measure(o, log, "hdfs") : Map.of();

    Map<String, Double> limits = new LinkedHashMap<>();
    if (o.runs("bigfs")) {
      // At least 200,000: below that, garbage other threads leave between the two heap readings
      // outweighs the map (a 320-chunk run once measured -1,015 bytes per chunk).
      int chunks = Math.max(200_000, o.memoryFiles);
      double perChunk = ReplicaMapFootprint.bytesPerChunk(chunks);
      bigfs.put(Workload.replicaMap(chunks), perChunk);
      limits.put(Workload.replicaMap(chunks), ReplicaMapFootprint.TARGET_BYTES);
      log.printf(Locale.ROOT, "BigFS: replica map %.1f bytes per chunk over %,d chunks%n", perChunk, chunks);
    }
    Results results = new Results();
    for (int clients : new int[] {1, 4}) {
      limits.put(Workload.write(clients), disk[0] / 3);  // RF 3 on one disk: every byte is written three times
      limits.put(Workload.read(clients), disk[1]);
    }
    Set<String> workloads = new LinkedHashSet<>(Workload.ORDER);
    workloads.addAll(bigfs.keySet());
    workloads.addAll(hdfs.keySet());
    for (String workload : workloads) {
      if (!bigfs.containsKey(workload) && !hdfs.containsKey(workload)) {
        continue;
      }
      results.add(new Results.Row(workload, Workload.unit(workload), bigfs.getOrDefault(workload, Double.NaN),
          hdfs.getOrDefault(workload, Double.NaN), limits.getOrDefault(workload, Double.NaN),
          Workload.higherIsBetter(workload)));
    }
    return results;
  }

  /**
   * Every kind of work, not measured, so that the JIT has compiled each system's code before its
   * first row (metadata operations until their rate stops rising and the JIT is quiet, see
   * {@link MetadataWarmUp}): BigFS runs first in a fresh JVM and would otherwise pay for
   * compiling its code (a quarter of a new master's CPU in its first minutes), HDFS less so.
   */
  private static void warmUp(SystemUnderTest system, Options o, PrintStream log) throws Exception {
    Throughput.run(system, "/bench/warmup/throughput", 1, Math.min(o.bytesPerClient, 64L << 20), false);
    List<MetadataWarmUp.Kind> kinds = MetadataWarmUp.run(system, "/bench/warmup/meta", 16, o.warmUpRoundSeconds,
        o.warmUpMaxRounds);
    SmallFiles.run(system, "/bench/warmup/small", Workload.SMALL_FILE_THREADS, Math.min(o.smallFiles, 500), false);
    try (SystemUnderTest.Session s = system.session()) {
      s.delete("/bench/warmup", true);
    }
    log.printf(Locale.ROOT, "%s: warmed up (not measured): %s%n", system.name(), kinds);
  }

  /** Starts one system, runs the workloads on it in turn, stops it. */
  private static Map<String, Double> measure(Options o, PrintStream log, String which) throws Exception {
    Path dir = o.dir.resolve(which);
    FileTrees.delete(dir);
    Files.createDirectories(dir);
    Map<String, Double> m = new LinkedHashMap<>();
    try (SystemUnderTest system = which.equals("bigfs") ? new BigFsSystem(dir, o.chunkSize) : new HdfsSystem(dir, o.chunkSize)) {
      String name = system.name();
      warmUp(system, o, log);
      for (int clients : new int[] {1, 4}) {
        double[] t = Throughput.run(system, "/bench/throughput", clients, o.bytesPerClient, o.coldReads);
        m.put(Workload.write(clients), t[0]);
        m.put(Workload.read(clients), t[1]);
        log.printf(Locale.ROOT, "%s: %d client(s) x %s: write %.0f MB/s, read %.0f MB/s%n", name, clients,
            Sizes.human(o.bytesPerClient), t[0], t[1]);
      }
      for (int threads : new int[] {1, 16}) {
        Map<String, Double> rates = MetadataOps.run(system, "/bench/meta", threads, o.ops);
        rates.forEach((op, rate) -> m.put(Workload.metadata(op, threads), rate));
        log.printf(Locale.ROOT, "%s: %,d metadata operations of each kind, %d thread(s): %s%n", name, o.ops, threads, rates);
      }
      double[] small = SmallFiles.run(system, "/bench/small", Workload.SMALL_FILE_THREADS, o.smallFiles, o.coldReads);
      m.put(Workload.SMALL_WRITE, small[0]);
      m.put(Workload.SMALL_READ, small[1]);
      log.printf(Locale.ROOT, "%s: 64 KiB files: %.0f written/s, %.0f read/s%n", name, small[0], small[1]);
      double[] failovers = Failover.run(system, "/bench/failover", o.kills);
      if (failovers.length > 0) {
        m.put(Workload.FAILOVER, Stats.median(failovers));
        log.printf(Locale.ROOT, "%s: leader failover, %d kills: %s ms%n", name, failovers.length,
            Arrays.stream(failovers).mapToObj(ms -> String.format(Locale.ROOT, "%.0f", ms))
                .collect(Collectors.joining(", ")));
      }
      MasterMemory.Result mem = MasterMemory.run(system, "/bench/memory", o.memoryFiles, which.equals("bigfs") ? 3 : 1);
      m.put(Workload.heapPerFile(o.memoryFiles), mem.bytesPerFile());
      m.put(Workload.heap(o.memoryFiles), mem.heapMiB());
      m.put(Workload.rss(o.memoryFiles), mem.rssMiB());
      log.printf(Locale.ROOT, "%s: after %,d files: heap growth %.1f bytes/file/server (slope of the heap readings %s MiB),"
          + " heap %.0f MiB, RSS %.0f MiB%n", name, o.memoryFiles, mem.bytesPerFile(),
          Arrays.stream(mem.readingsMiB()).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList(),
          mem.heapMiB(), mem.rssMiB());
    } finally {
      FileTrees.delete(dir);
    }
    return m;
  }

  /** The whole of bench/RESULTS.md: how and where it was measured, then the table. */
  static String report(Options o, Results results) throws IOException, InterruptedException {
    Properties versions = new Properties();
    try (InputStream in = CompareBench.class.getResourceAsStream("/bench-versions.properties")) {
      versions.load(in);
    }
    boolean cold = o.coldReads && PageCache.drop();
    StringBuilder b = new StringBuilder();
    b.append("# BigFS and HDFS, side by side\n\n");
    b.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
        .append(" by `").append(o.command).append("`");
    b.append(String.format(Locale.ROOT, " (%s per client, %,d metadata operations of each kind, %,d small files, %,d files for memory, %d leader kills).%n%n",
        Sizes.human(o.bytesPerClient), o.ops, o.smallFiles, o.memoryFiles, o.kills));
    b.append("- Machine: ").append(Machine.describe(o.dir)).append('\n');
    b.append("- Versions: BigFS ").append(versions.getProperty("bigfs")).append(" (Ratis ").append(versions.getProperty("ratis"))
        .append(", RocksDB ").append(versions.getProperty("rocksdb")).append(", gRPC ").append(versions.getProperty("grpc"))
        .append("); HDFS ").append(versions.getProperty("hadoop")).append(" (MiniDFSCluster); Java ")
        .append(System.getProperty("java.version")).append('\n');
    b.append("- Both clusters run in the benchmark's JVM, one after the other, on loopback and the same disk: BigFS with 3 Raft ")
        .append("masters and 3 chunkservers, HDFS with 1 NameNode and 3 DataNodes; RF 3, ").append(Sizes.human(o.chunkSize))
        .append(" chunks/blocks. Clients use each system's own Java library, one client per thread. Each system first ")
        .append("runs every workload unmeasured, each kind of metadata operation until its rate stops rising and the ")
        .append("JIT is quiet, so that the JIT has compiled its code.\n");
    b.append("- Same durability on both sides: an acknowledged mutation is fsync'd (BigFS: the Raft log on a majority; ")
        .append("HDFS: the NameNode's edit log, which a MiniDFSCluster skips unless told), and a closed file's data is on ")
        .append("disk (BigFS always; HDFS with dfs.datanode.synconclose=true).\n");
    b.append("- Reads after writes are ").append(cold ? "cold: the page cache is dropped first"
            : "warm: the page cache was not dropped (not asked to, or not root)")
        .append(". The write limit for RF 3 on one disk is a third of the raw fsync'd write rate; the read limit is the raw O_DIRECT read rate.\n");
    b.append("- Memory rows: heap after a full GC, growth per file divided by the number of metadata servers in the JVM; ")
        .append("heap and RSS are the whole JVM's (all servers of the system).\n\n");
    b.append(results.markdown());
    return b.toString();
  }
}
