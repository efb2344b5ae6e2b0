package io.bigfs.common.cli;

import io.bigfs.common.config.Config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What every server's main does, in four steps: parse the command line, load and check the
 * configuration, build and start the server, then run until a signal stops it. Exit codes:
 * {@link #EXIT_OK}, {@link #EXIT_FAILED} (could not start or crashed), {@link #EXIT_USAGE}
 * (bad flags or configuration).
 */
public final class ServerMain {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  /** Printed to stderr (the log) once the configuration is read and checked. */
  public static String startingLine(String name) {
    return "bfs " + name + ": starting";
  }

  /** Printed to stderr (the log) once the server is up; launchers wait for it or for an exit. */
  public static String startedLine(String name) {
    return "bfs " + name + ": started";
  }

  private ServerMain() {}

  /** Builds a server from its checked configuration. */
  @FunctionalInterface
  public interface Starter<C> {
    AutoCloseable start(C config) throws Exception;
  }

  /** Parses a configuration; throws IllegalArgumentException naming the bad key. */
  @FunctionalInterface
  public interface Parser<C> {
    C parse(Config config);
  }

  /**
   * Loads {@code confFile} (if given) with {@code overrides} on top, checks it, starts the
   * server and blocks until the JVM is asked to stop. Returns the exit code.
   */
  public static <C> int run(String name, Path confFile, Map<String, String> overrides, Parser<C> parser,
                            Starter<C> starter, PrintStream err) {
    C config;
    try {
      Config raw = confFile == null ? Config.empty() : Config.load(confFile);
      config = parser.parse(raw.withAll(overrides));
    } catch (IOException e) {
      err.println("bfs " + name + ": cannot read " + confFile + ": " + e.getMessage());
      return EXIT_USAGE;
    } catch (IllegalArgumentException e) {
      err.println("bfs " + name + ": " + e.getMessage());
      return EXIT_USAGE;
    }
    err.println(startingLine(name));
    AutoCloseable server;
    try {
      server = starter.start(config);
    } catch (Exception e) {
      err.println("bfs " + name + ": failed to start: " + e.getMessage());
      e.printStackTrace(err);
      return EXIT_FAILED;
    }
    err.println(startedLine(name));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        err.println("bfs " + name + ": error while stopping: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return EXIT_OK;
  }
}
