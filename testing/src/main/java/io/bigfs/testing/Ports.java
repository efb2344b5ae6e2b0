package io.bigfs.testing;

import io.bigfs.common.rpc.LoopbackPorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free ports on 127.0.0.1, for servers that must know each other's ports before they start.
 * None is handed out twice in one JVM: a test's cluster never gets a port an earlier test's
 * cluster used, so a client or node left over from that test cannot reach into this one.
 */
public final class Ports {
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  private Ports() {}

  public static int free() {
    try {
      return LoopbackPorts.pick(GIVEN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
