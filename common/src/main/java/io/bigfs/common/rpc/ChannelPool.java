package io.bigfs.common.rpc;

import io.grpc.ManagedChannel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One channel per address, opened on first use and shared (clients and chunkservers dialing chunkservers). */
public final class ChannelPool implements AutoCloseable {
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Transport transport;

  public ChannelPool() {
    this(Transport.PLAINTEXT);
  }

  public ChannelPool(Transport transport) {
    this.transport = transport;
  }

  public ManagedChannel get(String address) {
    return channels.computeIfAbsent(address, transport::open);
  }

  @Override
  public void close() {
    channels.values().forEach(Channels::close);
    channels.clear();
  }
}
