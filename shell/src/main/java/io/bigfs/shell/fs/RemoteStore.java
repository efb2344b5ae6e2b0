package io.bigfs.shell.fs;

import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.CreateOptions;
import io.bigfs.client.FileInfo;
import io.bigfs.client.OpenOptions;
import io.bigfs.common.BfsPaths;
import io.bigfs.shell.Session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/** BigFS, through the session's client; paths are resolved against the session's working directory. */
final class RemoteStore implements Store {
  /** How cp and put read BigFS files: the cache is for cat, get and tail. */
  static final OpenOptions UNCACHED = OpenOptions.DEFAULT.withCache(false);

  private final Session session;
  private final CreateOptions createOptions;
  private final OpenOptions openOptions;

  RemoteStore(Session session, CreateOptions createOptions, OpenOptions openOptions) {
    this.session = session;
    this.createOptions = createOptions;
    this.openOptions = openOptions;
  }

  @Override
  public Entry stat(String path) throws IOException {
    try {
      FileInfo f = session.client().stat(session.resolve(path));
      return new Entry(f.directory(), f.length());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public List<String> list(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    session.client().list(session.resolve(dir)).forEach(f -> names.add(f.name()));
    return names;
  }

  @Override
  public InputStream open(String path) throws IOException {
    return session.client().open(session.resolve(path), openOptions);
  }

  @Override
  public Sink create(String path, boolean overwrite) throws IOException {
    String target = session.resolve(path);
    BfsOutputStream out = session.client().create(target, createOptions.withOverwrite(overwrite));
    return new Sink(out) {
      @Override
      void commit() throws IOException {
        out.close();
      }

      @Override
      void abort() {
        // Abandon the half-written file (never commit it), then remove it.
        out.abort();
        try {
          session.client().delete(target, false);
        } catch (IOException | RuntimeException ignored) {
          // best effort; the partial file is left for the user to see
        }
      }
    };
  }

  @Override
  public void mkdir(String path) throws IOException {
    session.client().mkdir(session.resolve(path));
  }

  @Override
  public void mkdirs(String path) throws IOException {
    session.client().mkdirs(session.resolve(path));
  }

  @Override
  public String child(String dir, String name) {
    return BfsPaths.child(session.resolve(dir), name);
  }

  @Override
  public String name(String path) {
    return BfsPaths.name(session.resolve(path));
  }

  @Override
  public boolean isSameOrBelow(String path, String ancestor) {
    return BfsPaths.isSameOrBelow(session.resolve(path), session.resolve(ancestor));
  }
}
