package io.bigfs.bench.compare;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line about the machine a result was measured on: CPU, cores, memory, the disk's file system. */
final class Machine {
  private Machine() {}

  static String describe(Path dir) throws IOException {
    String cpu = field(Path.of("/proc/cpuinfo"), "model name");
    String memKb = field(Path.of("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "");
    FileStore store = Files.getFileStore(dir);
    return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB memory, %s; data on %s (%s), %s %s",
        cpu, Runtime.getRuntime().availableProcessors(),
        memKb.isEmpty() ? 0 : Long.parseLong(memKb) / 1048576.0, System.getProperty("os.name") + " " + System.getProperty("os.version"),
        store.name(), store.type(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
  }

  private static String field(Path file, String name) throws IOException {
    if (!Files.exists(file)) {
      return "unknown";
    }
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(name)) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }
}
