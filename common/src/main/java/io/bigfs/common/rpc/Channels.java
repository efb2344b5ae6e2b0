package io.bigfs.common.rpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufAllocator;
import io.grpc.netty.shaded.io.netty.buffer.PooledByteBufAllocator;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;

import java.util.concurrent.TimeUnit;

/** How every BigFS process dials another: one place to set message limits and credentials. */
public final class Channels {
  /** Data moves in messages of at most 1 MiB; metadata replies (a page of a listing) stay below this. */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private Channels() {}

  /**
   * Bytes a stream may have in flight before the receiver grants more. gRPC's 1 MiB default
   * would hold a write pipeline of 1 MiB packets to one packet per hop.
   */
  public static final int FLOW_CONTROL_WINDOW = 16 * 1024 * 1024;

  /** How often an idle channel pings its server; RpcServer permits pings at twice this rate. */
  public static final int KEEPALIVE_SECONDS = 30;

  /**
   * The buffer pool of every channel and server. gRPC's own pool carves 2 MiB chunks of direct
   * memory, which hold one 1 MiB data packet each: every packet then allocated a fresh chunk
   * (zeroed, page-faulted in) and freed it again, about a tenth of the chunkservers' CPU in a
   * sequential write. 16 MiB chunks (Netty's own former default) hold a pipeline's window.
   */
  static final ByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true,
      PooledByteBufAllocator.defaultNumHeapArena(), PooledByteBufAllocator.defaultNumDirectArena(),
      PooledByteBufAllocator.defaultPageSize(), 11, PooledByteBufAllocator.defaultSmallCacheSize(),
      PooledByteBufAllocator.defaultNormalCacheSize(), PooledByteBufAllocator.defaultUseCacheForAllThreads());

  /** A plaintext channel without a token: tests and tools that talk to an unsecured cluster. */
  public static ManagedChannel open(String address) {
    return open(address, Transport.PLAINTEXT);
  }

  public static ManagedChannel open(String address, Transport transport) {
    return NettyChannelBuilder.forTarget(address, transport.credentials())
        .intercept(transport.interceptors())
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .flowControlWindow(FLOW_CONTROL_WINDOW)
        .keepAliveTime(KEEPALIVE_SECONDS, TimeUnit.SECONDS)
        .withOption(ChannelOption.ALLOCATOR, ALLOCATOR)
        // Every caller already handles a failed call: master calls are retried (exactly once
        // through their call ids, see MasterChannels), reads move to another replica, writes
        // rebuild their pipeline. gRPC's own retry wraps each call in a stream that records its
        // messages in case it must replay them: 10-15 % of a client's CPU per stat (measured:
        // 82 -> 71-73 us of client CPU per stat, 16 threads against `bfs local`).
        .disableRetry()
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
