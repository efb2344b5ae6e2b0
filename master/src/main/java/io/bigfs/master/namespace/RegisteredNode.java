package io.bigfs.master.namespace;

import io.bigfs.master.store.Cf;
import io.bigfs.master.store.KvCursor;
import io.bigfs.master.store.KvReader;
import io.bigfs.proto.store.NodeAdminState;
import io.bigfs.proto.store.NodeRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A chunkserver as registered through Raft: id, identity, and what an operator decided about it. */
public record RegisteredNode(int id, String uuid, String address, String rack, NodeAdminState state) {

  public static List<RegisteredNode> all(KvReader reader) {
    List<RegisteredNode> nodes = new ArrayList<>();
    try (KvCursor c = reader.scan(Cf.NODES, new byte[0], null)) {
      while (c.next()) {
        NodeRecord r = Commands.parseNode(c.value());
        nodes.add(new RegisteredNode(r.getNodeId(), new String(c.key(), StandardCharsets.UTF_8), r.getAddress(),
            r.getRack(), r.getAdminState()));
      }
    }
    return nodes;
  }

  public boolean inService() {
    return state == NodeAdminState.IN_SERVICE;
  }
}
