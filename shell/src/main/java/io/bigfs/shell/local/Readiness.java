package io.bigfs.shell.local;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/** Asks a node's /ready endpoint whether it can serve (a master knows its leader, a chunkserver is registered). */
final class Readiness {
  private static final int TIMEOUT_MS = 1000;

  private Readiness() {}

  static boolean ready(LocalNode n) {
    try {
      HttpURLConnection http = (HttpURLConnection) URI.create("http://" + LocalNode.HOST + ":" + n.httpPort()
          + "/ready").toURL().openConnection();
      http.setConnectTimeout(TIMEOUT_MS);
      http.setReadTimeout(TIMEOUT_MS);
      try {
        return http.getResponseCode() == 200;
      } finally {
        http.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Something to wait for; {@link #check} returns null when done, else what is still missing. */
  @FunctionalInterface
  interface Condition {
    String check() throws IOException;
  }

  /**
   * Polls {@code condition} until it holds; fails after {@code timeout} with what was still missing.
   * Polling is right here: the nodes are other processes, with nothing to wait on but their answers.
   */
  static void await(Duration timeout, Condition condition) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String missing;
    while ((missing = condition.check()) != null) {
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("not ready after " + timeout.toSeconds() + " s: " + missing);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting: " + missing);
      }
    }
  }
}
