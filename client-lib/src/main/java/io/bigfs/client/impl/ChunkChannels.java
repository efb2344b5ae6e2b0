package io.bigfs.client.impl;

import io.bigfs.common.rpc.Channels;
import io.grpc.ManagedChannel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One channel per chunkserver address, opened on first use and shared by all streams of a client. */
public final class ChunkChannels implements AutoCloseable {
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
