package io.bigfs.it.fuzz;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls any gRPC method with raw bytes instead of protobuf messages, so that malformed,
 * truncated and oversized messages reach the server's own parser, and with any number of
 * messages, so that a unary method can be sent none or two.
 */
final class RawCalls {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** How a call ended: the gRPC status, and the replies received before it. */
  record Outcome(Status.Code code, String description, List<byte[]> replies) {
    @Override
    public String toString() {
      return code + (description == null ? "" : " (" + description + ")") + ", " + replies.size() + " replies";
    }
  }

  private RawCalls() {}

  /**
   * Sends {@code requests} on one call of {@code method} and waits for the end of the call; the
   * server must end it well within {@code deadlineMs}, whatever it was sent.
   */
  static Outcome call(Channel channel, MethodDescriptor<?, ?> method, List<byte[]> requests, long deadlineMs)
      throws Exception {
    MethodDescriptor<byte[], byte[]> raw = method.toBuilder(BYTES, BYTES).build();
    ClientCall<byte[], byte[]> call = channel.newCall(raw,
        CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS));
    List<byte[]> replies = new ArrayList<>();
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        synchronized (replies) {
          replies.add(message);
        }
        call.request(1);
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        synchronized (replies) {
          done.complete(new Outcome(status.getCode(), status.getDescription(), List.copyOf(replies)));
        }
      }
    }, new Metadata());
    call.request(1);
    for (byte[] r : requests) {
      call.sendMessage(r);
    }
    call.halfClose();
    try {
      return done.get(deadlineMs + 5_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel("the server never ended the call", null);
      throw new AssertionError(method.getFullMethodName() + " did not end within its deadline");
    }
  }
}
