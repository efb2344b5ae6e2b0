package io.bigfs.shell.local;

import io.bigfs.common.rpc.LoopbackPorts;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The local cluster as its directory describes it. {@code cluster.properties} remembers how
 * many nodes there are and the ports each was given when it was first created, so a restart
 * finds every node where it was (chunkservers and clients know the masters by address). Each
 * node has {@code NAME.properties} (its configuration), {@code NAME.log}, {@code NAME.pid}
 * while it runs, and the data folder {@code NAME/}. The {@code masters} file is where the shell
 * finds the masters; {@code prometheus-targets.json}, where Prometheus and bfs admin top find
 * every node's /metrics.
 */
final class LocalCluster {
  static final String STATE_FILE = "cluster.properties";

  private final Path dir;
  private final List<LocalNode> nodes;

  private LocalCluster(Path dir, List<LocalNode> nodes) {
    this.dir = dir;
    this.nodes = List.copyOf(nodes);
  }

  /** The cluster recorded in {@code dir}, if there is one. */
  static Optional<LocalCluster> load(Path dir) throws IOException {
    Path file = dir.resolve(STATE_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    List<LocalNode> nodes = new ArrayList<>();
    for (LocalNode.Kind kind : LocalNode.Kind.values()) {
      int count = Integer.parseInt(p.getProperty(kind.prefix + ".count", "0"));
      for (int i = 1; i <= count; i++) {
        String name = kind.prefix + i;
        nodes.add(new LocalNode(name, kind, port(p, name + ".port"),
            kind == LocalNode.Kind.MASTER ? port(p, name + ".raft.port") : 0, port(p, name + ".http.port")));
      }
    }
    return Optional.of(new LocalCluster(dir, nodes));
  }

  private static int port(Properties p, String key) throws IOException {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IOException(STATE_FILE + " lacks " + key);
    }
    return Integer.parseInt(value.trim());
  }

  /** A new cluster with free ports for every node; nothing is written until {@link #save}. */
  static LocalCluster create(Path dir, int masters, int chunkservers) throws IOException {
    return new LocalCluster(dir, List.of()).withNodes(LocalNode.Kind.MASTER, masters)
        .withNodes(LocalNode.Kind.CHUNKSERVER, chunkservers);
  }

  /** This cluster with at least {@code count} nodes of {@code kind}; new ones get free ports. */
  LocalCluster withNodes(LocalNode.Kind kind, int count) throws IOException {
    List<LocalNode> all = new ArrayList<>(nodes);
    Set<Integer> taken = new HashSet<>();
    nodes.forEach(n -> taken.addAll(List.of(n.port(), n.raftPort(), n.httpPort())));
    for (int i = of(kind).size() + 1; i <= count; i++) {
      int raft = kind == LocalNode.Kind.MASTER ? LoopbackPorts.pick(taken) : 0;
      all.add(new LocalNode(kind.prefix + i, kind, LoopbackPorts.pick(taken), raft, LoopbackPorts.pick(taken)));
    }
    all.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind())
        : Integer.compare(index(a), index(b)));
    return new LocalCluster(dir, all);
  }

  private static int index(LocalNode n) {
    return Integer.parseInt(n.name().substring(n.kind().prefix.length()));
  }

  /** Writes cluster.properties, the masters file and any node configuration not yet written. */
  void save() throws IOException {
    Files.createDirectories(dir);
    Properties p = new Properties();
    for (LocalNode.Kind kind : LocalNode.Kind.values()) {
      p.setProperty(kind.prefix + ".count", Integer.toString(of(kind).size()));
    }
    for (LocalNode n : nodes) {
      p.setProperty(n.name() + ".port", Integer.toString(n.port()));
      p.setProperty(n.name() + ".http.port", Integer.toString(n.httpPort()));
      if (n.kind() == LocalNode.Kind.MASTER) {
        p.setProperty(n.name() + ".raft.port", Integer.toString(n.raftPort()));
      }
    }
    try (Writer out = Files.newBufferedWriter(dir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
      p.store(out, "bfs local: nodes and their ports, chosen once so that restarts find each other");
    }
    Files.writeString(dir.resolve(io.bigfs.shell.MasterAddresses.MASTERS_FILE), masterAddresses() + "\n");
    ScrapeTargets.write(this);
    for (LocalNode n : nodes) {
      if (!Files.exists(conf(n))) {
        Files.writeString(conf(n), NodeConfigs.of(this, n));
      }
    }
  }

  Path dir() {
    return dir;
  }

  List<LocalNode> nodes() {
    return nodes;
  }

  List<LocalNode> of(LocalNode.Kind kind) {
    return nodes.stream().filter(n -> n.kind() == kind).toList();
  }

  Optional<LocalNode> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The masters' client addresses, host:port comma separated. */
  String masterAddresses() {
    return String.join(",", of(LocalNode.Kind.MASTER).stream().map(LocalNode::address).toList());
  }

  Path conf(LocalNode n) {
    return dir.resolve(n.name() + ".properties");
  }

  Path log(LocalNode n) {
    return dir.resolve(n.name() + ".log");
  }

  Path pidFile(LocalNode n) {
    return dir.resolve(n.name() + ".pid");
  }

  Path data(LocalNode n) {
    return dir.resolve(n.name());
  }
}
