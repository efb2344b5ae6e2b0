package io.bigfs.common.rpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which thread runs a call: the transport's for the methods named inline, a handler's for the rest. */
class RpcServerTest {
  private static final MethodDescriptor<String, String> INLINE = StringMethods.unary("test.Threads", "Inline");
  private static final MethodDescriptor<String, String> POOLED = StringMethods.unary("test.Threads", "Pooled");

  @Test
  void inlineMethodsRunOnTheTransportThreadAndTheRestOnTheHandlerPool() throws Exception {
    try (RpcServer server = new RpcServer("127.0.0.1", 0, List.of(threadNames()),
        InsecureServerCredentials.create(), List.of(), Set.of(INLINE.getFullMethodName()))) {
      ManagedChannel channel = Channels.open("127.0.0.1:" + server.port());
      try {
        for (int i = 0; i < 3; i++) {
          String inline = ClientCalls.blockingUnaryCall(channel, INLINE, CallOptions.DEFAULT, "x");
          String pooled = ClientCalls.blockingUnaryCall(channel, POOLED, CallOptions.DEFAULT, "x");
          assertFalse(inline.startsWith("rpc-handler"), inline);
          assertTrue(pooled.startsWith("rpc-handler"), pooled);
        }
      } finally {
        Channels.close(channel);
      }
    }
  }

  @Test
  void withoutInlineMethodsEveryCallRunsOnGrpcsOwnPool() throws Exception {
    try (RpcServer server = new RpcServer("127.0.0.1", 0, List.of(threadNames()))) {
      ManagedChannel channel = Channels.open("127.0.0.1:" + server.port());
      try {
        String inline = ClientCalls.blockingUnaryCall(channel, INLINE, CallOptions.DEFAULT, "x");
        assertTrue(inline.startsWith("grpc-default-executor"), inline);
      } finally {
        Channels.close(channel);
      }
    }
  }

  /** Both methods answer with the name of the thread that ran them. */
  private static BindableService threadNames() {
    ServerCalls.UnaryMethod<String, String> answer = (request, out) -> {
      out.onNext(Thread.currentThread().getName());
      out.onCompleted();
    };
    return () -> ServerServiceDefinition.builder("test.Threads")
        .addMethod(INLINE, ServerCalls.asyncUnaryCall(answer))
        .addMethod(POOLED, ServerCalls.asyncUnaryCall(answer))
        .build();
  }
}
