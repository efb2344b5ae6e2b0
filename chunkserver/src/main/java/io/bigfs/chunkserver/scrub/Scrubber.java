package io.bigfs.chunkserver.scrub;

import io.bigfs.chunkserver.storage.ChunkStore;
import io.bigfs.chunkserver.storage.Replica;
import io.bigfs.chunkserver.storage.ReplicaReader;
import io.bigfs.common.BfsException;
import io.bigfs.common.Checksums;
import io.bigfs.proto.StatusCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;

/**
 * Re-reads every finalized replica in the background, at most {@code bytesPerSecond}, and checks
 * each 64 KiB block against its stored CRC (and the data file against its length). A replica
 * that fails is reported to the masters, which replace it from a good copy. Disks rot silently;
 * this is how a rotted replica is found before a reader needs it.
 */
public final class Scrubber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);

  /** Told about each replica found corrupt. */
  @FunctionalInterface
  public interface Reporter {
    void corrupt(long chunkId, String reason);
  }

  private final ChunkStore store;
  private final Reporter reporter;
  private final long bytesPerSecond;
  private final long pauseMs;
  private final Counter scanned;
  private final Counter failures;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile double progress;

  public Scrubber(ChunkStore store, Reporter reporter, long bytesPerSecond, long pauseMs, MeterRegistry metrics) {
    this.store = store;
    this.reporter = reporter;
    this.bytesPerSecond = bytesPerSecond;
    this.pauseMs = pauseMs;
    this.scanned = Counter.builder("bfs.chunkserver.scrub.bytes")
        .description("Bytes re-read and checked by the scrubber").register(metrics);
    this.failures = Counter.builder("bfs.chunkserver.scrub.checksum.failures")
        .description("Replicas the scrubber found corrupt").register(metrics);
    Gauge.builder("bfs.chunkserver.scrub.progress.ratio", this, s -> s.progress)
        .description("Share of the current scrub pass done, 0 to 1").register(metrics);
    thread = new Thread(this::run, "scrubber");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        pass();
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("scrub pass failed", e);
      }
    }
  }

  /** One pass over the replicas finalized when it starts, oldest chunk ids first. */
  private void pass() throws InterruptedException {
    List<Replica> replicas = store.all().stream().filter(Replica::finalized)
        .sorted(Comparator.comparingLong(Replica::chunkId)).toList();
    long total = Math.max(1, replicas.stream().mapToLong(Replica::length).sum());
    long done = 0;
    long started = System.nanoTime();
    for (Replica r : replicas) {
      if (!running) {
        return;
      }
      if (store.get(r.chunkId()) == null) {
        continue; // deleted meanwhile
      }
      check(r);
      done += r.length();
      progress = (double) done / total;
      scanned.increment(r.length());
      throttle(done, started);
    }
    progress = 1;
  }

  private void check(Replica r) {
    try {
      ReplicaReader.read(store, r.chunkId(), r.version(), 0, r.length(), (offset, data, crcs, length) -> {
        int pos = 0;
        for (int crc : crcs) {
          int n = Math.min(Checksums.BLOCK, data.remaining() - pos);
          if (Checksums.crc(data.slice(data.position() + pos, n)) != crc) {
            throw new BfsException(StatusCode.CORRUPT, "checksum mismatch at offset " + (offset + pos));
          }
          pos += n;
        }
      });
    } catch (BfsException e) {
      if (e.code() == StatusCode.CORRUPT) {
        failures.increment();
        LOG.warn("chunk {} is corrupt: {}", r.chunkId(), e.getMessage());
        reporter.corrupt(r.chunkId(), "scrubber: " + e.getMessage());
      }
    } catch (IOException e) {
      LOG.debug("could not scrub chunk {}: {}", r.chunkId(), e.getMessage());
    }
  }

  /** Sleeps as needed to stay under the rate. */
  private void throttle(long bytes, long startedNanos) throws InterruptedException {
    long dueMs = bytes * 1000 / bytesPerSecond;
    long tookMs = (System.nanoTime() - startedNanos) / 1_000_000;
    if (dueMs > tookMs) {
      Thread.sleep(dueMs - tookMs);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(2000);
  }
}
