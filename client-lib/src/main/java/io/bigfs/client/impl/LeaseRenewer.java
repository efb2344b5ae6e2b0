package io.bigfs.client.impl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renews this client's write leases while it has files open for writing. One renewal covers
 * every open file; when the last one closes, renewals stop.
 */
public final class LeaseRenewer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewer.class);

  private final MasterClient master;
  private final long intervalMs;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bfs-lease-renewer");
    t.setDaemon(true);
    return t;
  });
  private int openFiles;
  private ScheduledFuture<?> task;

  public LeaseRenewer(MasterClient master, long intervalMs) {
    this.master = master;
    this.intervalMs = intervalMs;
  }

  /** A file was opened for writing. */
  public synchronized void opened() {
    if (openFiles++ == 0) {
      task = timer.scheduleWithFixedDelay(this::renew, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
  }

  /** A file opened for writing was closed or abandoned. */
  public synchronized void closed() {
    if (--openFiles == 0 && task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void renew() {
    try {
      master.renewLease();
    } catch (Exception e) {
      LOG.warn("lease renewal failed (will retry): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
