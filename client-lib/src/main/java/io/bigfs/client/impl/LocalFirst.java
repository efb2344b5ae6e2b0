package io.bigfs.client.impl;

import io.bigfs.proto.NodeLocation;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders replicas for a reader: a chunkserver on this host first (no network), then the others
 * in the master's order (least loaded first).
 */
final class LocalFirst {
  private static final Set<String> LOCAL_HOSTS = localHosts();

  private LocalFirst() {}

  static List<NodeLocation> order(List<NodeLocation> nodes) {
    List<NodeLocation> local = new ArrayList<>();
    List<NodeLocation> remote = new ArrayList<>();
    for (NodeLocation n : nodes) {
      (LOCAL_HOSTS.contains(host(n.getAddress())) ? local : remote).add(n);
    }
    local.addAll(remote);
    return local;
  }

  private static String host(String address) {
    int colon = address.lastIndexOf(':');
    return colon < 0 ? address : address.substring(0, colon);
  }

  private static Set<String> localHosts() {
    Set<String> hosts = new HashSet<>(Set.of("localhost"));
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          hosts.add(a.getHostAddress());
        }
      }
    } catch (SocketException e) {
      // no interfaces to look at: every replica counts as remote
    }
    return hosts;
  }
}
