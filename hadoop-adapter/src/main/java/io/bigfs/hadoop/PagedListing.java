package io.bigfs.hadoop;

import io.bigfs.client.FileInfo;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;

/**
 * A directory listing for Hadoop, fetched from the masters a page at a time as it is iterated,
 * so a huge directory is never held whole; a page that fails arrives as Hadoop's exception.
 */
final class PagedListing implements RemoteIterator<FileStatus> {
  private final Iterator<FileInfo> entries;
  private final Path dir;
  private final URI fsUri;

  PagedListing(Iterator<FileInfo> entries, Path dir, URI fsUri) {
    this.entries = entries;
    this.dir = dir;
    this.fsUri = fsUri;
  }

  @Override
  public boolean hasNext() throws IOException {
    try {
      return entries.hasNext();
    } catch (UncheckedIOException e) {
      throw HadoopErrors.lookup(e.getCause(), dir);
    }
  }

  @Override
  public FileStatus next() throws IOException {
    hasNext();
    return HadoopTypes.status(entries.next(), fsUri);
  }
}
