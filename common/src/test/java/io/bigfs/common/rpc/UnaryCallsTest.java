package io.bigfs.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A call answers, fails with the server's status, or gives up in time and cancels itself on the server. */
class UnaryCallsTest {
  private static final MethodDescriptor<String, String> ECHO = StringMethods.unary("test.Calls", "Echo");
  private static final MethodDescriptor<String, String> FAIL = StringMethods.unary("test.Calls", "Fail");
  private static final MethodDescriptor<String, String> SILENT = StringMethods.unary("test.Calls", "Silent");

  private final CountDownLatch silentCallCancelled = new CountDownLatch(1);
  private RpcServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    server = new RpcServer("127.0.0.1", 0, List.of(service()));
    channel = Channels.open("127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() throws InterruptedException {
    Channels.close(channel);
    server.close();
  }

  @Test
  void returnsTheReply() {
    assertEquals("echo: hello", UnaryCalls.call(channel, ECHO, "hello", 5_000));
  }

  @Test
  void aFailureArrivesWithTheServersStatus() {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> UnaryCalls.call(channel, FAIL, "x", 5_000));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals("no such thing: x", e.getStatus().getDescription());
  }

  @Test
  void aServerThatDoesNotAnswerTimesOutAndTheCallIsCancelledThere() throws InterruptedException {
    long start = System.nanoTime();
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> UnaryCalls.call(channel, SILENT, "x", 300));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    assertTrue(tookMs >= 300 && tookMs < 5_000, "gave up after " + tookMs + " ms");
    assertTrue(silentCallCancelled.await(5, TimeUnit.SECONDS), "the server never heard that the call was cancelled");
  }

  @Test
  void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() {
    Thread.currentThread().interrupt();
    try {
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> UnaryCalls.call(channel, SILENT, "x", 60_000));
      assertEquals(Status.Code.CANCELLED, e.getStatus().getCode());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  private BindableService service() {
    ServerCalls.UnaryMethod<String, String> echo = (request, out) -> {
      out.onNext("echo: " + request);
      out.onCompleted();
    };
    ServerCalls.UnaryMethod<String, String> fail = (request, out) ->
        out.onError(Status.NOT_FOUND.withDescription("no such thing: " + request).asRuntimeException());
    ServerCalls.UnaryMethod<String, String> silent = (request, out) ->
        ((ServerCallStreamObserver<String>) out).setOnCancelHandler(silentCallCancelled::countDown);
    return () -> ServerServiceDefinition.builder("test.Calls")
        .addMethod(ECHO, ServerCalls.asyncUnaryCall(echo))
        .addMethod(FAIL, ServerCalls.asyncUnaryCall(fail))
        .addMethod(SILENT, ServerCalls.asyncUnaryCall(silent))
        .build();
  }
}
