package io.bigfs.chunkserver.rpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/** What a chunkserver's data traffic looks like: bfs_chunkserver_* bytes, requests and latencies. */
public final class DataMetrics {
  private final Counter bytesWritten;
  private final Counter bytesForwarded;
  private final Counter bytesRead;
  private final Counter bytesTransferred;
  private final Timer packetWrites;
  private final Timer reads;

  public DataMetrics(MeterRegistry r) {
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
}
