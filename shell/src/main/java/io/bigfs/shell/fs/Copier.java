package io.bigfs.shell.fs;

import io.bigfs.common.BfsException;
import io.bigfs.shell.Bfs;
import io.bigfs.shell.BfsSubcommand;
import io.bigfs.shell.Session;
import io.bigfs.shell.output.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

/**
 * Copies files and trees between any two {@link Store}s, with the rules of cp: into the
 * destination when it is an existing directory, else to the destination itself; several
 * sources need a directory; directories only with -r. Each source fails on its own.
 */
final class Copier {
  /** Large enough for few calls per chunk, and the client sends 1 MiB packets anyway. */
  private static final int BUFFER_BYTES = 1 << 20;

  private final Session session;
  private final boolean recursive;
  private final boolean overwrite;
  private final byte[] buffer = new byte[BUFFER_BYTES];

  Copier(Session session, CopyFlags flags) {
    this.session = session;
    this.recursive = flags.recursive;
    this.overwrite = flags.force;
  }

  /**
   * Copies every source to {@code target}; returns the exit code. A target written as a
   * directory ("bfs://isos/") is one: made if missing, as a place to copy into.
   */
  int copy(List<Location> sources, Location target) throws IOException {
    Store.Entry t = target.stat();
    if (t == null && target.asDirectory()) {
      target.store().mkdirs(target.path());
      t = target.stat();
    }
    boolean into = t != null && t.directory();
    if (!into && (sources.size() > 1 || target.asDirectory())) {
      throw t == null ? new NoSuchFileException(target.path()) : new NotDirectoryException(target.path());
    }
    int code = BfsSubcommand.OK;
    for (Location source : sources) {
      try {
        copyEntry(source, into && !source.name().isEmpty() ? target.child(source.name()) : target);
      } catch (IOException | RuntimeException e) {
        Bfs.report(session, e);
        code = BfsSubcommand.FAILED;
      }
    }
    return code;
  }

  private void copyEntry(Location source, Location target) throws IOException {
    Store.Entry s = source.stat();
    if (s == null) {
      throw new NoSuchFileException(source.path());
    }
    if (s.directory()) {
      copyDirectory(source, target);
    } else {
      copyFile(source, target, s.length());
    }
  }

  private void copyDirectory(Location source, Location target) throws IOException {
    if (!recursive) {
      throw BfsException.invalid(source.path() + ": Is a directory (use -r to copy directories)");
    }
    if (source.store() == target.store() && target.store().isSameOrBelow(target.path(), source.path())) {
      throw BfsException.invalid(source.path() + ": cannot copy a directory into itself");
    }
    Store.Entry t = target.stat();
    if (t == null) {
      target.store().mkdir(target.path());
    } else if (!t.directory()) {
      throw new FileAlreadyExistsException(target.path());
    }
    for (String name : source.store().list(source.path())) {
      copyEntry(source.child(name), target.child(name));
    }
  }

  private void copyFile(Location source, Location target, long length) throws IOException {
    if (source.store() == target.store() && source.store().isSameOrBelow(source.path(), target.path())) {
      throw BfsException.invalid(source.path() + " and " + target.path() + " are the same file");
    }
    Store.Sink sink = target.store().create(target.path(), overwrite);
    Progress progress = Progress.start(session.err(), session.terminal(), source.name(), length, System::nanoTime);
    try (InputStream in = source.store().open(source.path())) {
      OutputStream out = sink.stream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        progress.advance(n);
      }
      sink.commit();
    } catch (IOException | RuntimeException e) {
      sink.abort();
      throw e;
    } finally {
      progress.finish();
    }
  }
}
