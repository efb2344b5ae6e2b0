package io.bigfs.common.rpc;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

import java.util.concurrent.TimeUnit;

/** How every BigFS process dials another: one place to set message limits and credentials. */
public final class Channels {
  /** Data moves in messages of at most 1 MiB; metadata replies (a page of a listing) stay below this. */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private Channels() {}

  public static ManagedChannel open(String address) {
    return Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
  }

  public static void close(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
