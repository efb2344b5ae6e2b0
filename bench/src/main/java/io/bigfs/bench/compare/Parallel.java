package io.bigfs.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs work from several sessions at once and times it; sessions are opened before the clock starts. */
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
        open.add(system.session());
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
