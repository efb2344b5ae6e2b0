package io.bigfs.chunkserver.rpc;

import io.grpc.stub.ServerCallStreamObserver;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Holds a server stream's sender until the transport can take another message, so that a slow
 * reader never makes a chunkserver buffer a whole chunk in memory.
 */
final class FlowControl {
  private final ServerCallStreamObserver<?> call;
  private final Object lock = new Object();

  FlowControl(ServerCallStreamObserver<?> call) {
    this.call = call;
    call.setOnReadyHandler(() -> {
      synchronized (lock) {
        lock.notifyAll();
      }
    });
    call.setOnCancelHandler(() -> {
      synchronized (lock) {
        lock.notifyAll();
      }
    });
  }

  void awaitReady() throws IOException {
    synchronized (lock) {
      while (!call.isReady()) {
        if (call.isCancelled()) {
          throw new IOException("the reader went away");
        }
        try {
          lock.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
      }
    }
  }
}
