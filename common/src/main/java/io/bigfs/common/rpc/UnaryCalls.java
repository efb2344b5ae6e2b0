package io.bigfs.common.rpc;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A unary call that waits at most a given time, without a gRPC deadline.
 *
 * <p>Why not {@code stub.withDeadlineAfter(...)}: for every call gRPC puts a timer task on the
 * channel's event-loop group, round robin, and cancels it when the reply comes, and a blocking
 * stub hands the reply from the event loop to its caller through an executor of its own. Under a
 * 1-thread stat load the client's event loop and calling thread made 2.9 futex calls and 1.5
 * epoll waits per stat that way, 1.0 and 1.0 this way ({@code strace -c}, stop of 2026-12-02,
 * seventh; bench/NOTES.md), and the client's CPU per stat fell from 117-129 to 94-96 us. Here
 * the caller waits for the reply with a timeout of its own (a timed park) and cancels the call if
 * it runs out; the reply completes on the event loop that read it (a direct executor).
 */
public final class UnaryCalls {
  private UnaryCalls() {}

  /**
   * Sends {@code request} and waits up to {@code timeoutMs} for the reply. Failures arrive as a
   * StatusRuntimeException, as from a blocking stub; running out of time as DEADLINE_EXCEEDED.
   */
  public static <Q, R> R call(Channel channel, MethodDescriptor<Q, R> method, Q request, long timeoutMs) {
    ListenableFuture<R> reply = ClientCalls.futureUnaryCall(
        channel.newCall(method, CallOptions.DEFAULT.withExecutor(MoreExecutors.directExecutor())), request);
    try {
      return reply.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reply.cancel(true);
      throw Status.DEADLINE_EXCEEDED.withDescription("no reply within " + timeoutMs + " ms to "
          + method.getFullMethodName()).asRuntimeException();
    } catch (InterruptedException e) {
      reply.cancel(true);
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.withDescription("interrupted").withCause(e).asRuntimeException();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException failure) {
        throw failure;
      }
      throw Status.fromThrowable(e.getCause()).asRuntimeException();
    }
  }
}
