package io.bigfs.common.rpc;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A gRPC server bound to one address (never all interfaces unless asked), closed as a component. */
public final class RpcServer implements AutoCloseable {
  private final Server server;
  /** Runs the calls not named inline, when some are; else gRPC's own pool does. */
  private final ExecutorService handlers;

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
    this(host, port, services, credentials, interceptors, Set.of());
  }

  /**
   * @param inlineMethods full names of methods whose handlers never block (they answer at once
   *                      or hand the call on and reply from elsewhere): they run on the transport
   *                      thread that read the request. Every other call runs on a handler pool,
   *                      as gRPC does by default. Skipping that hand-off saves two thread
   *                      switches a call, which on a master answering small requests is more
   *                      CPU than the answer (see bench/NOTES.md).
   */
  public RpcServer(String host, int port, List<BindableService> services, ServerCredentials credentials,
                   List<ServerInterceptor> interceptors, Set<String> inlineMethods) throws IOException {
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
    if (!inlineMethods.isEmpty()) {
      // gRPC looks a call's method up on the server's executor before the supplier may move the
      // call elsewhere: the server's executor must be the direct one, and the rest is moved off.
      handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rpc-handler");
        t.setDaemon(true);
        return t;
      });
      builder.directExecutor().callExecutor(new ServerCallExecutorSupplier() {
        @Override
        public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
          return inlineMethods.contains(call.getMethodDescriptor().getFullMethodName()) ? null : handlers;
        }
      });
    } else {
      handlers = null;
    }
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
    if (handlers != null) {
      handlers.shutdownNow();
    }
  }
}
