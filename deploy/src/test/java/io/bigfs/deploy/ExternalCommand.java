package io.bigfs.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command of the distribution's tests (tar, bin/bfs, the Ansible scripts) to its end,
 * with nothing on its stdin and a deadline. What it printed is read back once it has exited.
 */
final class ExternalCommand {
  /** What one command did. */
  record Result(List<String> command, int code, String out, String err) {
    /** The command and the end of what it printed, for an assertion's message. */
    String tail(int lines) {
      return String.join(" ", command) + " exited with " + code + "; the end of its output:\n"
          + lastLines(out, lines) + "\n" + lastLines(err, lines);
    }

    private static String lastLines(String text, int lines) {
      List<String> all = text.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
  }

  private ExternalCommand() {}

  /**
   * Starts {@code pb} (its directory and environment as the caller set them) and waits for it.
   * Past the deadline the command and everything it started get SIGTERM, then SIGKILL, so that
   * a script's exit trap can still stop what it launched.
   */
  static Result run(ProcessBuilder pb, Duration deadline) throws IOException, InterruptedException {
    File out = Files.createTempFile("bfs-command", ".out").toFile();
    File err = Files.createTempFile("bfs-command", ".err").toFile();
    try {
      Process p = pb.redirectOutput(out).redirectError(err)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      boolean finished = p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      }
      Result r = new Result(List.copyOf(pb.command()), finished ? p.exitValue() : -1, read(out.toPath()),
          read(err.toPath()));
      if (!finished) {
        throw new AssertionError("not finished in " + deadline.toSeconds() + " s: " + r.tail(60));
      }
      return r;
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
