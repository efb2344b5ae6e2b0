package io.bigfs.bench.chaos;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsClientConfig;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers, a reader and a renamer/deleter, each with its own client, running until stopped. Every
 * acknowledged operation goes into the {@link Ledger}; a read that returns bytes other than those
 * written is an anomaly at once. File contents follow from the seed and the file's number.
 */
final class Workload {
  static final String DIR = "/chaos";
  private static final int MAX_FILE_BYTES = 700_000;

  private final String masters;
  private final long seed;
  private final int writers;
  private final Ledger ledger = new Ledger();
  private final List<String> anomalies = new ArrayList<>();
  private final AtomicLong nextFile = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong renames = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  /** Failed operations by thread and error, so a report shows what the faults cost and why. */
  private final Map<String, Integer> failureKinds = new TreeMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<BfsClient> clients = new ArrayList<>();
  private volatile boolean stopping;

  Workload(String masters, long seed, int writers) {
    this.masters = masters;
    this.seed = seed;
    this.writers = writers;
  }

  void start() throws IOException {
    try (BfsClient fs = client()) {
      fs.mkdirs(DIR);
    }
    for (int i = 0; i < writers; i++) {
      spawn("writer-" + i, this::write);
    }
    spawn("reader", this::read);
    spawn("mutator", this::mutate);
  }

  /** Stops every thread after its current operation. */
  void stop() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join(180_000);
    }
    clients.forEach(BfsClient::close);
  }

  Ledger ledger() {
    return ledger;
  }

  synchronized List<String> anomalies() {
    return List.copyOf(anomalies);
  }

  String counts() {
    return writes + " writes, " + reads + " reads verified, " + renames + " renames, " + deletes + " deletes acknowledged; "
        + failures + " operations failed during faults";
  }

  private synchronized void failed(String thread, Exception e) {
    String message = String.valueOf(e.getMessage()).replaceAll("\\d+", "N");
    String kind = thread.replaceAll("-\\d+$", "") + ": " + e.getClass().getSimpleName() + ": "
        + (message.length() > 160 ? message.substring(0, 160) + "..." : message);
    failureKinds.merge(kind, 1, Integer::sum);
  }

  /** The failed operations, grouped by thread kind and error (numbers masked), most frequent first. */
  synchronized List<String> failures() {
    return failureKinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(e -> e.getValue() + " x " + e.getKey()).toList();
  }

  long acknowledged() {
    return writes.get() + reads.get() + renames.get() + deletes.get();
  }

  private interface Step {
    void run(BfsClient fs, Random random) throws IOException;
  }

  private void spawn(String name, Step step) {
    BfsClient fs = client();
    clients.add(fs);
    Random random = new Random(seed * 31 + threads.size());
    Thread t = new Thread(() -> {
      while (!stopping) {
        try {
          step.run(fs, random);
        } catch (IOException | RuntimeException e) {
          failures.incrementAndGet();
          failed(name, e);
        }
      }
    }, "chaos-" + name);
    threads.add(t);
    t.start();
  }

  private BfsClient client() {
    try {
      return BfsClient.connect(BfsClientConfig.of(masters).withMaxRetryMs(30_000));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(BfsClient fs, Random random) throws IOException {
    long id = nextFile.getAndIncrement();
    byte[] content = content(id, random.nextInt(MAX_FILE_BYTES));
    String path = DIR + "/w-" + id;
    try (BfsOutputStream out = fs.create(path)) {
      int at = 0;
      while (at < content.length) {
        int n = Math.min(content.length - at, 1 + random.nextInt(200_000));
        out.write(content, at, n);
        at += n;
      }
    } catch (IOException | RuntimeException e) {
      ledger.writeInDoubt(path);
      throw e;
    }
    ledger.written(path, new Ledger.Written(id, content.length, sha256(content)));
    writes.incrementAndGet();
  }

  private void read(BfsClient fs, Random random) throws IOException {
    Map.Entry<String, Ledger.Written> e = ledger.pick(random);
    if (e == null) {
      pause();
      return;
    }
    byte[] data;
    try (BfsInputStream in = fs.open(e.getKey())) {
      data = in.readAllBytes();
    }
    if (!ledger.holds(e.getKey(), e.getValue())) {
      return;
    }
    String sha = sha256(data);
    if (data.length != e.getValue().length() || !sha.equals(e.getValue().sha256())) {
      anomaly("read " + e.getKey() + ": " + data.length + " bytes, sha256 " + sha + "; written "
          + e.getValue().length() + " bytes, sha256 " + e.getValue().sha256());
    }
    reads.incrementAndGet();
  }

  private void mutate(BfsClient fs, Random random) throws IOException {
    pause();
    Map.Entry<String, Ledger.Written> e = ledger.pick(random);
    if (e == null) {
      return;
    }
    String path = e.getKey();
    if (random.nextInt(10) < 6) {
      String target = DIR + "/r-" + e.getValue().id() + "-" + nextFile.getAndIncrement();
      try {
        fs.rename(path, target);
      } catch (IOException | RuntimeException ex) {
        ledger.renameInDoubt(path, target);
        throw ex;
      }
      ledger.renamed(path, target);
      renames.incrementAndGet();
    } else {
      try {
        fs.delete(path, false);
      } catch (IOException | RuntimeException ex) {
        ledger.deleteInDoubt(path);
        throw ex;
      }
      ledger.deleted(path);
      deletes.incrementAndGet();
    }
  }

  private synchronized void anomaly(String what) {
    anomalies.add(what);
  }

  private void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The content of file {@code id}: a function of the seed and the id, so a replay writes the same bytes. */
  byte[] content(long id, int length) {
    byte[] b = new byte[length];
    new Random(seed ^ (id * 0x9E3779B97F4A7C15L)).nextBytes(b);
    return b;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
