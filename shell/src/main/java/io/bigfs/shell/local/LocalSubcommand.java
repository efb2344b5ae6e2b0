package io.bigfs.shell.local;

import io.bigfs.common.BfsException;
import io.bigfs.shell.BfsSubcommand;
import io.bigfs.shell.MasterAddresses;
import io.bigfs.shell.Session;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** What the {@code bfs local} subcommands share: the cluster's directory and its processes. */
abstract class LocalSubcommand extends BfsSubcommand {
  @Option(names = "--dir", paramLabel = "DIR",
      description = "The cluster's directory (default: BFS_LOCAL_DIR, else .bfs-local here).")
  Path dir;

  LocalSubcommand(Session session) {
    super(session);
  }

  Path directory() {
    Path d = dir != null ? session.localDir().resolve(dir) : MasterAddresses.localDir(session.env(), session.localDir());
    return d.toAbsolutePath().normalize();
  }

  /** The cluster recorded in the directory; an error when there is none. */
  LocalCluster cluster() throws IOException {
    return LocalCluster.load(directory()).orElseThrow(() -> BfsException.invalid(
        "no local cluster in " + directory() + " (start one with 'bfs local start')"));
  }
}
