package io.bigfs.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A file system the comparison runs the same workloads on, reached through its own client
 * library. Sessions are one client each, so threads do not share a connection.
 */
interface SystemUnderTest extends AutoCloseable {
  String name();

  Session session() throws IOException;

  /** Kills the metadata leader abruptly; false if this system has no standby to take over. */
  boolean killLeader() throws Exception;

  /** Brings back what {@link #killLeader} killed, and returns once it has caught up. */
  void restoreLeader() throws Exception;

  @Override
  void close() throws Exception;

  /** One client of the system. Paths are absolute, '/'-separated. */
  interface Session extends AutoCloseable {
    void mkdirs(String path) throws IOException;

    /** Creates a file to write data into; closing the stream commits it. */
    OutputStream create(String path) throws IOException;

    /** Creates an empty file (created and closed: what {@code touch} does). */
    default void createEmpty(String path) throws IOException {
      create(path).close();
    }

    InputStream open(String path) throws IOException;

    /** Fetches the file's status (length, times, permissions) and returns its length. */
    long stat(String path) throws IOException;

    /** Lists a directory and returns how many entries it has. */
    int list(String path) throws IOException;

    void rename(String source, String target) throws IOException;

    void delete(String path, boolean recursive) throws IOException;

    @Override
    void close() throws IOException;
  }
}
