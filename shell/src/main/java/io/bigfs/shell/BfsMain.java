package io.bigfs.shell;

/**
 * {@code bfs ...} from bin/bfs: runs one command line and exits with its code. The shell is a
 * client, so library logging is kept to warnings unless asked for otherwise.
 */
public final class BfsMain {
  private BfsMain() {}

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int code;
    try (Session session = Session.ofProcess()) {
      code = Bfs.run(session, args);
    }
    System.out.flush();
    System.exit(code);
  }
}
