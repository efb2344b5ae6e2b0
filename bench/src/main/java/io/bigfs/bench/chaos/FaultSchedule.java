package io.bigfs.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a run, all drawn from the seed before the run starts, so that the same seed
 * replays the same schedule. Faults come one at a time (each healed before the next), so that at
 * most one master and one chunkserver are down at once: the cluster is built to survive that
 * and nothing more, and anything lost then is a bug.
 */
final class FaultSchedule {
  private static final Fault.Kind[] KINDS = Fault.Kind.values();

  private FaultSchedule() {}

  static List<Fault> of(long seed, long durationMs) {
    Random random = new Random(seed);
    List<Fault> faults = new ArrayList<>();
    long at = 3_000 + random.nextInt(2_000);
    while (at < durationMs) {
      Fault.Kind kind = KINDS[random.nextInt(KINDS.length)];
      long hold = 1_000 + random.nextInt(5_000);
      String target = switch (kind) {
        case KILL_MASTER, WIPE_MASTER -> random.nextBoolean() ? "leader" : "follower";
        case KILL_CHUNKSERVER, CORRUPT_CHUNK, TRUNCATE_CHUNK, DISK_FULL -> pick(random, LocalNodes.CHUNKSERVERS);
        case PAUSE -> random.nextInt(3) == 0 ? "leader" : pick(random, LocalNodes.CHUNKSERVERS);
      };
      faults.add(new Fault(at, kind, target, hold, random.nextInt(1 << 20)));
      at += hold + 2_000 + random.nextInt(4_000);
    }
    return List.copyOf(faults);
  }

  private static String pick(Random random, List<String> names) {
    return names.get(random.nextInt(names.size()));
  }

  static String describe(long seed, List<Fault> faults) {
    StringBuilder s = new StringBuilder("schedule of seed " + seed + " (" + faults.size() + " faults):\n");
    faults.forEach(f -> s.append("  ").append(f).append('\n'));
    return s.toString();
  }
}
