package io.bigfs.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A server as a stack of components: each is started in order and closed in reverse, so that a
 * component never outlives what it uses. If a start fails, what already started is closed.
 */
public final class Lifecycle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
  private final Deque<NamedCloseable> started = new ArrayDeque<>();

  private record NamedCloseable(String name, AutoCloseable closeable) {}

  /** Registers a started component; returns it for chaining. */
  public synchronized <T extends AutoCloseable> T add(String name, T component) {
    started.push(new NamedCloseable(name, component));
    return component;
  }

  /** Closes every component in reverse order of start; failures are logged, not thrown. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      NamedCloseable c = started.pop();
      try {
        c.closeable().close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", c.name(), e);
      }
    }
  }
}
