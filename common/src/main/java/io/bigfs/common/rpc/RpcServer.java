package io.bigfs.common.rpc;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A gRPC server bound to one address (never all interfaces unless asked), closed as a component. */
public final class RpcServer implements AutoCloseable {
  private final Server server;

  /** A plaintext server that lets every call in. */
  public RpcServer(String host, int port, List<BindableService> services) throws IOException {
    this(host, port, services, InsecureServerCredentials.create(), List.of());
  }

  /**
   * @param credentials  plaintext or TLS
   * @param interceptors run on every call of every service before it (token checks)
   */
  public RpcServer(String host, int port, List<BindableService> services, ServerCredentials credentials,
                   List<ServerInterceptor> interceptors) throws IOException {
    NettyServerBuilder builder = NettyServerBuilder
        .forAddress(new InetSocketAddress(host, port), credentials)
        .maxInboundMessageSize(Channels.MAX_MESSAGE_BYTES)
        .flowControlWindow(Channels.FLOW_CONTROL_WINDOW)
        // Clients ping every Channels.KEEPALIVE_SECONDS to notice a dead server; gRPC's default
        // tolerance (one ping per 5 minutes) would answer them with GOAWAY too_many_pings.
        .permitKeepAliveTime(Channels.KEEPALIVE_SECONDS / 2, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .withChildOption(ChannelOption.ALLOCATOR, Channels.ALLOCATOR);
    services.forEach(s -> builder.addService(ServerInterceptors.intercept(s, interceptors)));
    server = builder.build().start();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
      server.shutdownNow();
      server.awaitTermination(2, TimeUnit.SECONDS);
    }
  }
}
