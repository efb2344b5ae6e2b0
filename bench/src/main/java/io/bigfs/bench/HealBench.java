package io.bigfs.bench;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;
import io.bigfs.common.config.Sizes;
import io.bigfs.master.MasterConfig;
import io.bigfs.testing.MiniCluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Time to re-replicate what a dead chunkserver held: four chunkservers (one JVM), RF 3, 64 MiB
 * chunks, files enough for the victim to hold about {@code --size} of replicas; the victim is
 * stopped and the clock runs until every chunk has three live replicas again. Production
 * settings: a node is dead after 10 s of silence, the leader checks replication every 5 s, two
 * copy streams per node. Usage: bench/run heal [--size 1g].
 */
public final class HealBench {
  private HealBench() {}

  public static void main(String[] args) throws Exception {
    long held = Sizes.GIB;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--size")) {
        held = Sizes.parse(args[++i]);
      }
    }
    long chunk = 64 * Sizes.MIB;
    try (MiniCluster cluster = MiniCluster.builder().chunkservers(4)
        .master(MasterConfig.DEAD_AFTER.name(), 10_000)
        .master(MasterConfig.REPLICATION_INTERVAL.name(), 5000)
        .master(MasterConfig.CHUNK_SIZE.name(), chunk)
        .start()) {
      BfsClient fs = cluster.newClient();
      // A node holds 3/4 of all replicas' worth of data on average.
      long total = held * 4 / 3 + chunk;
      byte[] buf = new byte[1 << 20];
      new Random(3).nextBytes(buf);
      List<String> paths = new ArrayList<>();
      for (int f = 0; (long) f * 4 * chunk < total; f++) {
        String path = "/heal/f" + f;
        try (BfsOutputStream out = fs.create(path, CreateOptions.DEFAULT.withCreateParents(true))) {
          for (long done = 0; done < 4 * chunk; done += buf.length) {
            buf[0] = (byte) f;
            out.write(buf);
          }
        }
        paths.add(path);
      }
      waitForReplicas(fs, paths, 3);
      int victim = 0;
      long victimBytes = 0;
      for (int i = 0; i < 4; i++) {
        long bytes = cluster.chunkserver(i).store().storedBytes();
        if (bytes > victimBytes) {
          victim = i;
          victimBytes = bytes;
        }
      }
      System.out.printf(Locale.ROOT, "%d files, %s in all; node %d holds %s of replicas; killing it%n",
          paths.size(), Sizes.human(total), cluster.chunkserver(victim).nodeId(), Sizes.human(victimBytes));
      long start = System.nanoTime();
      cluster.killChunkserver(victim);
      double detectedS = -1;
      while (true) {
        int fewest = fewest(fs, paths);
        double s = (System.nanoTime() - start) / 1e9;
        if (detectedS < 0 && fewest < 3) {
          detectedS = s;
        }
        if (detectedS >= 0 && fewest == 3) {
          double copyS = s - detectedS;
          System.out.println();
          System.out.println("| measure | value |");
          System.out.println("| --- | --- |");
          System.out.printf(Locale.ROOT, "| data the dead node held | %s |%n", Sizes.human(victimBytes));
          System.out.printf(Locale.ROOT, "| kill -> node declared dead | %.1f s |%n", detectedS);
          System.out.printf(Locale.ROOT, "| declared dead -> every chunk has 3 replicas | %.1f s |%n", copyS);
          System.out.printf(Locale.ROOT, "| kill -> fully re-replicated | %.1f s |%n", s);
          System.out.printf(Locale.ROOT, "| copy rate | %.0f MB/s |%n", victimBytes / 1e6 / copyS);
          return;
        }
        Thread.sleep(200);
      }
    }
  }

  private static void waitForReplicas(BfsClient fs, List<String> paths, int n) throws Exception {
    while (fewest(fs, paths) < n) {
      Thread.sleep(200);
    }
  }

  private static int fewest(BfsClient fs, List<String> paths) throws Exception {
    int fewest = Integer.MAX_VALUE;
    for (String p : paths) {
      for (ChunkInfo c : fs.chunks(p, 0, 0)) {
        fewest = Math.min(fewest, c.nodes().size());
      }
    }
    return fewest;
  }
}
