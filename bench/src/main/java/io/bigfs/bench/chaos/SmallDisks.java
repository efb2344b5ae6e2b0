package io.bigfs.bench.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of its own under each chunkserver's data folder (a tmpfs), so that the
 * chaos run can fill one node's disk for real, with the write errors a full disk gives, without
 * filling the machine's disk. Mounting needs root; without it the disk-full faults are skipped
 * and the run says so.
 */
final class SmallDisks implements AutoCloseable {
  static final String FILLER = "chaos-filler";
  private final List<Path> mounted = new ArrayList<>();
  private final String unavailable;

  /** Mounts a tmpfs of {@code sizeMb} at each of {@code folders}, which must be empty or new. */
  SmallDisks(List<Path> folders, int sizeMb) {
    String problem = null;
    for (Path folder : folders) {
      try {
        Files.createDirectories(folder);
        run("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m", "tmpfs", folder.toString());
        mounted.add(folder);
      } catch (IOException e) {
        problem = e.getMessage();
        break;
      }
    }
    if (problem != null) {
      close();
    }
    unavailable = problem;
  }

  /** Why there are no small disks (not root, no tmpfs), or null when every folder has one. */
  String unavailable() {
    return unavailable;
  }

  /** Writes a filler file into {@code folder} until its file system has no room left. */
  static long fill(Path folder) throws IOException {
    byte[] block = new byte[1 << 20];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(folder.resolve(FILLER))) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException e) {
      if (Files.getFileStore(folder).getUsableSpace() > block.length) {
        throw e; // not the disk being full
      }
      return written;
    }
  }

  static void free(Path folder) throws IOException {
    Files.deleteIfExists(folder.resolve(FILLER));
  }

  /** Unmounts (lazily: a node killed a moment ago may still hold files open). */
  @Override
  public void close() {
    for (Path folder : mounted) {
      try {
        run("umount", "-l", folder.toString());
      } catch (IOException e) {
        System.err.println("could not unmount " + folder + ": " + e.getMessage());
      }
    }
    mounted.clear();
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + ": "
          + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }
}
