package io.bigfs.common.rpc;

import io.grpc.ManagedChannel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One channel per address, opened on first use and shared (clients and chunkservers dialing chunkservers). */
public final class ChannelPool implements AutoCloseable {
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public ManagedChannel get(String address) {
    return channels.computeIfAbsent(address, Channels::open);
  }

  @Override
  public void close() {
    channels.values().forEach(Channels::close);
    channels.clear();
  }
}
