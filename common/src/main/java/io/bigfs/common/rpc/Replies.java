package io.bigfs.common.rpc;

import io.grpc.stub.StreamObserver;

/** Unary replies, sent the one way every service sends them. */
public final class Replies {
  private Replies() {}

  public static <T> void send(StreamObserver<T> out, T reply) {
    out.onNext(reply);
    out.onCompleted();
  }
}
