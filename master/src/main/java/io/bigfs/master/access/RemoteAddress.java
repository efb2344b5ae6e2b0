package io.bigfs.master.access;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Puts the caller's address (host:port of the connection) in the gRPC context, for the audit log. */
public final class RemoteAddress implements ServerInterceptor {
  private static final Context.Key<String> ADDRESS = Context.key("bfs-remote-address");

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                     ServerCallHandler<Q, A> next) {
    String address = format(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    return Contexts.interceptCall(Context.current().withValue(ADDRESS, address), call, headers, next);
  }

  /** The address of the call being served on this thread; "-" when unknown. */
  public static String current() {
    String address = ADDRESS.get();
    return address == null ? "-" : address;
  }

  static String format(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      String host = inet.getAddress().getHostAddress();
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    return address == null ? "-" : address.toString();
  }
}
