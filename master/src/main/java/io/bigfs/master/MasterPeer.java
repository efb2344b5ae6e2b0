package io.bigfs.master;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the masters as the configuration names it: {@code id=host:rpcPort:raftPort}.
 * Clients and chunkservers use the rpc address; the masters replicate over the raft address.
 */
public record MasterPeer(String id, String host, int rpcPort, int raftPort) {

  public String rpcAddress() {
    return host + ":" + rpcPort;
  }

  public String raftAddress() {
    return host + ":" + raftPort;
  }

  /** Parses "m1=127.0.0.1:9860:9861,m2=..."; ids must be distinct. */
  public static List<MasterPeer> parseList(String list) {
    List<MasterPeer> peers = new ArrayList<>();
    for (String part : list.split(",")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String[] hostPorts = eq < 0 ? new String[0] : entry.substring(eq + 1).split(":");
      if (eq <= 0 || hostPorts.length != 3) {
        throw new IllegalArgumentException("'" + entry + "' is not id=host:rpcPort:raftPort");
      }
      String id = entry.substring(0, eq);
      if (peers.stream().anyMatch(p -> p.id().equals(id))) {
        throw new IllegalArgumentException("master id " + id + " appears twice");
      }
      peers.add(new MasterPeer(id, hostPorts[0], port(entry, hostPorts[1]), port(entry, hostPorts[2])));
    }
    return peers;
  }

  private static int port(String entry, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port <= 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + entry + "': '" + text + "' is not a port");
    }
  }

  /** The peers as a client's --masters list. */
  public static String rpcAddresses(List<MasterPeer> peers) {
    return String.join(",", peers.stream().map(MasterPeer::rpcAddress).toList());
  }
}
