package io.bigfs.shell.admin;

import io.bigfs.common.BfsException;
import io.bigfs.shell.BfsSubcommand;
import io.bigfs.shell.MasterAddresses;
import io.bigfs.shell.Session;
import io.bigfs.shell.metrics.TargetsFile;
import io.bigfs.shell.metrics.TopView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code bfs admin top}: the nodes and their rates, read from the same /metrics pages
 * Prometheus scrapes. It asks no master anything, so it still shows what is left of a cluster
 * that has lost its leader.
 */
@Command(name = "top", description = "A live view of the cluster from its /metrics pages: masters, chunkservers, "
    + "rates, chunk health; redrawn every interval until Ctrl-C.")
public final class AdminTopCommand extends BfsSubcommand {
  @Option(names = "--targets", paramLabel = "FILE", description = "A Prometheus file_sd targets file (default: "
      + TargetsFile.LOCAL_NAME + " in the local cluster's directory, which bfs local start writes).")
  Path targets;

  @Option(names = "--endpoints", paramLabel = "HOST:PORT", split = ",",
      description = "The nodes' /metrics addresses (their http ports), instead of a targets file.")
  List<String> endpoints;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
      description = "Seconds between frames (default ${DEFAULT-VALUE}); rates are averages over one interval.")
  double intervalSeconds;

  @Option(names = "--once", description = "Print one frame (two readings one interval apart) and exit.")
  boolean once;

  @Option(names = "--frames", paramLabel = "N", description = "Print N frames and exit (default: until Ctrl-C).")
  int frames;

  AdminTopCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws BfsException {
    if (intervalSeconds < 0.1 || intervalSeconds > 3600) {
      throw BfsException.invalid("--interval must be between 0.1 and 3600 seconds");
    }
    if (frames < 0) {
      throw BfsException.invalid("--frames must be positive");
    }
    List<String> pages = endpoints != null ? endpoints : TargetsFile.read(targetsFile());
    if (pages.isEmpty()) {
      throw BfsException.invalid("no /metrics pages to read: pass --endpoints or --targets");
    }
    String source = endpoints != null ? "--endpoints" : targetsFile().toString();
    boolean redraw = !once && frames == 0 && session.terminal();
    try (TopView view = new TopView(pages, Duration.ofMillis(Math.round(intervalSeconds * 1000)), source)) {
      view.run(out(), once ? 1 : frames, redraw);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  private Path targetsFile() throws BfsException {
    if (targets != null) {
      return targets;
    }
    Path local = MasterAddresses.localDir(session.env(), session.localDir()).resolve(TargetsFile.LOCAL_NAME);
    if (!Files.isRegularFile(local)) {
      throw BfsException.invalid("no " + local + ": start a local cluster (bfs local start writes it), or pass "
          + "--targets FILE or --endpoints HOST:PORT,...");
    }
    return local;
  }
}
