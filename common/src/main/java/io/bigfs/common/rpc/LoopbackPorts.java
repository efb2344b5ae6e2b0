package io.bigfs.common.rpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for servers whose addresses must be known before they start (the test
 * cluster, the local cluster), and which keep them across restarts. They are drawn below the
 * kernel's ephemeral range (32768 and up on Linux), which is where outgoing connections take
 * their local ports: a port picked there by binding port 0 can be taken by some connection
 * before its server binds it, or while a node is down between a kill and a restart.
 */
public final class LoopbackPorts {
  static final int LOW = 12_000;
  static final int HIGH = 32_000;
  private static final int ATTEMPTS = 2_000;

  private LoopbackPorts() {}

  /** A port free right now and not in {@code taken}, which it is added to. */
  public static int pick(Set<Integer> taken) throws IOException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = LOW + random.nextInt(HIGH - LOW);
      if (taken.contains(port) || !bindable(port)) {
        continue;
      }
      if (taken.add(port)) {
        return port;
      }
    }
    throw new IOException("no free port between " + LOW + " and " + HIGH + " on 127.0.0.1");
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
