package io.bigfs.common.rpc;

import io.bigfs.common.BfsException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** host:port lists, as given with --masters or BFS_MASTERS. */
public final class Addresses {
  private Addresses() {}

  /** Parses "host:port,host:port"; fails on an empty list or a malformed entry. */
  public static List<String> parseList(String list) throws BfsException {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (String part : list.split(",")) {
        String address = part.trim();
        if (!address.isEmpty()) {
          parse(address);
          out.add(address);
        }
      }
    }
    if (out.isEmpty()) {
      throw BfsException.invalid("no master addresses given (use --masters host:port,... or BFS_MASTERS)");
    }
    return out;
  }

  /** Parses one "host:port". */
  public static InetSocketAddress parse(String address) throws BfsException {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw BfsException.invalid("'" + address + "' is not host:port");
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw BfsException.invalid("'" + address + "': port out of range");
      }
      return InetSocketAddress.createUnresolved(address.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw BfsException.invalid("'" + address + "': port is not a number");
    }
  }
}
