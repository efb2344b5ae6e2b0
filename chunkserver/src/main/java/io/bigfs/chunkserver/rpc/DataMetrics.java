package io.bigfs.chunkserver.rpc;

import io.bigfs.proto.StatusCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** What a chunkserver's data traffic looks like: bfs_chunkserver_* bytes, requests and latencies. */
public final class DataMetrics {
  /** The kinds of request a chunkserver serves, the op label of bfs_chunkserver_requests_total. */
  enum Op { READ, WRITE, TRANSFER }

  /** The status label of a request whose caller went away before it was answered. */
  static final String CANCELLED = "CANCELLED";

  private final MeterRegistry registry;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Counter writeChecksumFailures;
  private final Counter bytesWritten;
  private final Counter bytesForwarded;
  private final Counter bytesRead;
  private final Counter bytesTransferred;
  private final Timer packetWrites;
  private final Timer reads;

  public DataMetrics(MeterRegistry r) {
    registry = r;
    // Registered at once, so a dashboard shows 0 rather than no data on an idle node.
    for (Op op : Op.values()) {
      requests(op, StatusCode.OK.name());
    }
    writeChecksumFailures = Counter.builder("bfs.chunkserver.write.checksum.failures")
        .description("Packets refused because their data did not match the writer's checksums (damaged in transit)")
        .register(r);
    bytesWritten = Counter.builder("bfs.chunkserver.write.bytes")
        .description("Bytes written to replicas on this node").register(r);
    bytesForwarded = Counter.builder("bfs.chunkserver.pipeline.forwarded.bytes")
        .description("Bytes passed on to the next node of a write pipeline").register(r);
    bytesRead = Counter.builder("bfs.chunkserver.read.bytes")
        .description("Bytes sent to readers").register(r);
    bytesTransferred = Counter.builder("bfs.chunkserver.transfer.bytes")
        .description("Bytes copied to other nodes (pipeline repair, re-replication)").register(r);
    packetWrites = Timer.builder("bfs.chunkserver.write.packet")
        .description("Time to check and write one packet locally").publishPercentileHistogram().register(r);
    reads = Timer.builder("bfs.chunkserver.read.request")
        .description("Time to serve one read request").publishPercentileHistogram().register(r);
  }

  void written(long bytes, long nanos, boolean forwarded) {
    bytesWritten.increment(bytes);
    packetWrites.record(nanos, TimeUnit.NANOSECONDS);
    if (forwarded) {
      bytesForwarded.increment(bytes);
    }
  }

  void read(long bytes, long nanos) {
    bytesRead.increment(bytes);
    reads.record(nanos, TimeUnit.NANOSECONDS);
  }

  void transferred(long bytes) {
    bytesTransferred.increment(bytes);
  }

  /** A request finished: {@code status} is the status it was answered with, or {@link #CANCELLED}. */
  void request(Op op, String status) {
    requests(op, status).increment();
  }

  void writeChecksumFailure() {
    writeChecksumFailures.increment();
  }

  private Counter requests(Op op, String status) {
    return requests.computeIfAbsent(op + "/" + status, k -> Counter.builder("bfs.chunkserver.requests")
        .description("Requests served: a write is one replica's pipeline stream, a read one read call, a transfer "
            + "one replica copied to another node")
        .tag("op", op.name().toLowerCase(Locale.ROOT)).tag("status", status)
        .register(registry));
  }
}
