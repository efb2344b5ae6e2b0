package io.bigfs.bench.compare;

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

  /** Runs {@code work} once in each of {@code sessions} sessions; returns the wall time in seconds. */
  static double run(SystemUnderTest system, int sessions, SessionWork work) throws Exception {
    List<SystemUnderTest.Session> open = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    try {
      for (int i = 0; i < sessions; i++) {
        SystemUnderTest.Session session = system.session();
        open.add(session);
        // Clients connect on their first call; a long-lived client has paid for that long ago.
        // Without this a fresh BigFS client's connections (TCP and HTTP/2 set-up to a master,
        // and to the leader after a NOT_LEADER) fell inside the clock, while HDFS's clients in
        // one JVM share the NameNode connection that earlier work opened.
        session.stat("/");
      }
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        int index = i;
        SystemUnderTest.Session session = open.get(i);
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
      for (SystemUnderTest.Session s : open) {
        s.close();
      }
    }
  }
}
