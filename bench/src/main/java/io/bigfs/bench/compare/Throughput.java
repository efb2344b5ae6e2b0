package io.bigfs.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Sequential write, then read, of one file per client, all clients at once: aggregate MB/s. The
 * bytes read are checked against the bytes written (CRC32C per client).
 */
final class Throughput {
  private static final int BUFFER = 1 << 20;

  private Throughput() {}

  /** Returns {write MB/s, read MB/s}. */
  static double[] run(SystemUnderTest system, String dir, int clients, long bytesPerClient, boolean coldReads)
      throws Exception {
    try (SystemUnderTest.Session s = system.session()) {
      s.mkdirs(dir);
    }
    long[] written = new long[clients];
    double writeSeconds = Parallel.run(system, clients, (session, i) ->
        written[i] = write(session, dir + "/c" + i, bytesPerClient, i));
    if (coldReads) {
      PageCache.drop();
    }
    double readSeconds = Parallel.run(system, clients, (session, i) -> {
      long crc = read(session, dir + "/c" + i);
      if (crc != written[i]) {
        throw new IllegalStateException(system.name() + ": " + dir + "/c" + i + " reads back different bytes");
      }
    });
    try (SystemUnderTest.Session s = system.session()) {
      s.delete(dir, true);
    }
    double megabytes = clients * bytesPerClient / 1e6;
    return new double[] {megabytes / writeSeconds, megabytes / readSeconds};
  }

  /** Writes {@code size} pseudo-random bytes (different per client) and returns their CRC32C. */
  private static long write(SystemUnderTest.Session session, String path, long size, int seed) throws IOException {
    byte[] buf = new byte[BUFFER];
    new SplittableRandom(seed).nextBytes(buf);
    CRC32C crc = new CRC32C();
    try (OutputStream out = session.create(path)) {
      for (long done = 0; done < size; ) {
        int n = (int) Math.min(buf.length, size - done);
        buf[0] = (byte) (done >>> 20);  // every MiB differs
        out.write(buf, 0, n);
        crc.update(buf, 0, n);
        done += n;
      }
    }
    return crc.getValue();
  }

  private static long read(SystemUnderTest.Session session, String path) throws IOException {
    byte[] buf = new byte[BUFFER];
    CRC32C crc = new CRC32C();
    try (InputStream in = session.open(path)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }
}
