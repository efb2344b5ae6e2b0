package io.bigfs.bench.compare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs work from several sessions at once and times it; sessions are opened and connected before the clock starts. */
final class Parallel {
  private Parallel() {}

  /** The work one session does: {@code index} is its number among the sessions. */
  interface SessionWork {
    void run(SystemUnderTest.Session session, int index) throws Exception;
  }

  /** Runs {@code work} once in each of {@code sessions} new sessions; returns the wall time in seconds. */
  static double run(SystemUnderTest system, int sessions, SessionWork work) throws Exception {
    List<SystemUnderTest.Session> open = open(system, sessions);
    try {
      return run(open, work);
    } finally {
      close(open);
    }
  }

  /**
   * Opens sessions and makes one call in each. Clients connect on their first call, and a
   * long-lived client has paid for that long ago: without the call, a fresh BigFS client's
   * connections (TCP and HTTP/2 set-up, and a NOT_LEADER hop) fell inside the clock, while
   * HDFS's clients in one JVM share the NameNode connection that earlier work opened.
   */
  static List<SystemUnderTest.Session> open(SystemUnderTest system, int sessions) throws IOException {
    List<SystemUnderTest.Session> open = new ArrayList<>();
    try {
      for (int i = 0; i < sessions; i++) {
        open.add(system.session());
        open.get(i).stat("/");
      }
      return open;
    } catch (IOException | RuntimeException e) {
      close(open);
      throw e;
    }
  }

  static void close(List<SystemUnderTest.Session> open) throws IOException {
    for (SystemUnderTest.Session s : open) {
      s.close();
    }
  }

  /** Runs {@code work} once in each of the sessions, on a thread each; returns the wall time in seconds. */
  static double run(List<SystemUnderTest.Session> sessions, SessionWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        int index = i;
        SystemUnderTest.Session session = sessions.get(i);
        done.add(pool.submit(() -> {
          work.run(session, index);
          return null;
        }));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }
}
