package io.bigfs.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The names of the comparison's rows, their units and their order in the table. */
final class Workload {
  static final int SMALL_FILE_THREADS = 16;
  static final String SMALL_WRITE = "64 KiB files written, " + SMALL_FILE_THREADS + " threads";
  static final String SMALL_READ = "64 KiB files read, " + SMALL_FILE_THREADS + " threads";
  static final String FAILOVER = "leader killed -> first successful mkdir, median of the kills";
  static final List<String> METADATA = List.of("mkdir", "create", "stat", "list", "rename", "delete");
  static final List<String> ORDER = order();

  private Workload() {}

  static String write(int clients) {
    return "sequential write, " + clients + (clients == 1 ? " client" : " clients");
  }

  static String read(int clients) {
    return "sequential read, " + clients + (clients == 1 ? " client" : " clients");
  }

  static String metadata(String op, int threads) {
    return op + ", " + threads + (threads == 1 ? " thread" : " threads");
  }

  static String heapPerFile(int files) {
    return String.format(Locale.ROOT, "metadata heap growth per file and server, over %,d files", files);
  }

  static String heap(int files) {
    return String.format(Locale.ROOT, "JVM heap after GC with %,d more files", files);
  }

  static String rss(int files) {
    return String.format(Locale.ROOT, "JVM RSS with %,d more files", files);
  }

  static String replicaMap(int chunks) {
    return String.format(Locale.ROOT, "replica map heap per chunk, %,d chunks x 3 replicas (limit: the target)", chunks);
  }

  static String unit(String workload) {
    if (workload.startsWith("sequential")) {
      return "MB/s";
    }
    if (workload.startsWith("64 KiB")) {
      return "files/s";
    }
    if (workload.equals(FAILOVER)) {
      return "ms";
    }
    if (workload.startsWith("metadata heap") || workload.startsWith("replica map")) {
      return "bytes";
    }
    if (workload.startsWith("JVM")) {
      return "MiB";
    }
    return "ops/s";
  }

  static boolean higherIsBetter(String workload) {
    return !unit(workload).equals("ms") && !unit(workload).equals("bytes") && !unit(workload).equals("MiB");
  }

  private static List<String> order() {
    List<String> names = new ArrayList<>();
    for (int clients : new int[] {1, 4}) {
      names.add(write(clients));
    }
    for (int clients : new int[] {1, 4}) {
      names.add(read(clients));
    }
    for (String op : METADATA) {
      for (int threads : new int[] {1, 16}) {
        names.add(metadata(op, threads));
      }
    }
    names.add(SMALL_WRITE);
    names.add(SMALL_READ);
    names.add(FAILOVER);
    return names;
  }
}
