package io.bigfs.bench;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.common.config.Sizes;
import io.bigfs.master.MasterConfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * Single-client sequential write and read throughput: one file, RF 3, 64 MiB chunks, three
 * chunkservers on this machine. The bytes read are checked against the bytes written.
 * With --reads N the file is read N times: the first pass, and the median of the others (code
 * the JIT has compiled by then; in one JVM that takes a pass or two).
 * Usage: bench/run data [--size 1g] [--chunk 64m] [--reads 1] [--local DIR] (see {@link MasterBench}).
 */
public final class DataBench {
  private DataBench() {}

  public static void main(String[] args) throws Exception {
    long size = Sizes.GIB;
    long chunk = 64 * Sizes.MIB;
    int reads = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size" -> size = Sizes.parse(args[++i]);
        case "--chunk" -> chunk = Sizes.parse(args[++i]);
        case "--reads" -> reads = Integer.parseInt(args[++i]);
        case "--local" -> i++;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (reads < 1) {
      throw new IllegalArgumentException("--reads must be at least 1");
    }
    try (Target target = Target.from(args, Map.of(MasterConfig.CHUNK_SIZE.name(), Long.toString(chunk)));
         BfsClient fs = target.client()) {
      byte[] buf = new byte[1 << 20];
      new Random(1).nextBytes(buf);
      // warm-up: one chunk's worth, not counted
      transfer(fs, "/bench-warmup", Math.min(size, chunk), chunk, buf);
      double[] w = transfer(fs, "/bench-file", size, chunk, buf);
      double[] r = new double[reads];
      for (int pass = 0; pass < reads; pass++) {
        r[pass] = readBack(fs, "/bench-file", (long) w[1])[0];
        if (reads > 1) {
          System.out.printf(Locale.ROOT, "read pass %d: %.0f MB/s%n", pass + 1, r[pass]);
        }
      }
      fs.delete("/bench-warmup", false);
      fs.delete("/bench-file", false);
      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("| --- | --- |");
      System.out.printf(Locale.ROOT, "| write, 1 client, RF 3, %s file, %s chunks | %.0f MB/s |%n",
          Sizes.human(size), Sizes.human(chunk), w[0]);
      System.out.printf(Locale.ROOT, "| read, 1 client%s | %.0f MB/s |%n", reads > 1 ? ", first pass" : "", r[0]);
      if (reads > 1) {
        System.out.printf(Locale.ROOT, "| read, 1 client, median of passes 2-%d | %.0f MB/s |%n", reads,
            Stats.median(Arrays.copyOfRange(r, 1, reads)));
      }
    }
  }

  /** Writes {@code size} bytes; returns {MB/s, crc}. */
  static double[] transfer(BfsClient fs, String path, long size, long chunk, byte[] buf) throws Exception {
    CRC32C crc = new CRC32C();
    long start = System.nanoTime();
    try (BfsOutputStream out = fs.create(path, CreateOptions.DEFAULT.withOverwrite(true).withChunkSize(chunk))) {
      for (long done = 0; done < size; ) {
        int n = (int) Math.min(buf.length, size - done);
        buf[0] = (byte) (done >>> 20);  // make each MiB differ
        out.write(buf, 0, n);
        crc.update(buf, 0, n);
        done += n;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new double[] {size / 1e6 / seconds, crc.getValue()};
  }

  /** Reads the file back, checking the bytes; returns {MB/s}. */
  static double[] readBack(BfsClient fs, String path, long expectedCrc) throws Exception {
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 20];
    long total = 0;
    long start = System.nanoTime();
    try (BfsInputStream in = fs.open(path)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
        total += n;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (crc.getValue() != expectedCrc) {
      throw new IllegalStateException("the bytes read differ from the bytes written");
    }
    return new double[] {total / 1e6 / seconds};
  }
}
