package io.bigfs.shell.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local disk. Relative paths are taken from the session's working directory. A file is
 * written to a hidden temporary name beside its target and renamed when complete, so an
 * interrupted get never leaves a truncated file that looks like the real one.
 */
final class LocalStore implements Store {
  private final Path workDir;

  LocalStore(Path workDir) {
    this.workDir = workDir;
  }

  private Path path(String p) {
    return workDir.resolve(p).normalize();
  }

  @Override
  public Entry stat(String p) throws IOException {
    Path path = path(p);
    if (!Files.exists(path)) {
      return null;
    }
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return new Entry(a.isDirectory(), a.size());
  }

  @Override
  public List<String> list(String dir) throws IOException {
    try (Stream<Path> entries = Files.list(path(dir))) {
      return entries.map(e -> e.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public InputStream open(String p) throws IOException {
    return Files.newInputStream(path(p));
  }

  @Override
  public Sink create(String p, boolean overwrite) throws IOException {
    Path target = path(p);
    if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(p);
    }
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new NoSuchFileException(p);
    }
    Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".bfs-part");
    OutputStream out = Files.newOutputStream(temp);
    return new Sink(out) {
      @Override
      void commit() throws IOException {
        out.close();
        if (overwrite) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
          // Not atomic with the check above, but moving onto an existing file fails rather than replaces.
          Files.move(temp, target);
        }
      }

      @Override
      void abort() {
        try {
          out.close();
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a leftover .bfs-part file is visibly a leftover
        }
      }
    };
  }

  @Override
  public void mkdir(String p) throws IOException {
    Files.createDirectory(path(p));
  }

  @Override
  public void mkdirs(String p) throws IOException {
    Files.createDirectories(path(p));
  }

  @Override
  public String child(String dir, String name) {
    return path(dir).resolve(name).toString();
  }

  @Override
  public String name(String p) {
    Path name = path(p).getFileName();
    return name == null ? "" : name.toString();
  }

  @Override
  public boolean isSameOrBelow(String p, String ancestor) {
    return path(p).startsWith(path(ancestor));
  }
}
