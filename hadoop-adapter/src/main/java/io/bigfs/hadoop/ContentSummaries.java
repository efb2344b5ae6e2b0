package io.bigfs.hadoop;

import io.bigfs.client.BfsClient;
import io.bigfs.client.FileInfo;
import org.apache.hadoop.fs.ContentSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * du for Hadoop: files, directories (the top one included), bytes and bytes times replication
 * under a path, gathered by listing the tree page by page. A directory removed while the walk
 * runs is left out. BigFS has no quotas, so the quota fields say "none" (-1).
 */
final class ContentSummaries {
  private long length;
  private long files;
  private long directories;
  private long spaceConsumed;

  private ContentSummaries() {}

  static ContentSummary of(BfsClient client, String path) throws IOException {
    ContentSummaries sum = new ContentSummaries();
    FileInfo top = client.stat(path);
    sum.add(top);
    Deque<String> pending = new ArrayDeque<>();
    if (top.directory()) {
      pending.push(top.path());
    }
    while (!pending.isEmpty()) {
      sum.addChildren(client, pending.pop(), pending);
    }
    return new ContentSummary.Builder().length(sum.length).fileCount(sum.files).directoryCount(sum.directories)
        .spaceConsumed(sum.spaceConsumed).quota(-1).spaceQuota(-1).build();
  }

  private void addChildren(BfsClient client, String dir, Deque<String> pending) throws IOException {
    try {
      Iterator<FileInfo> children = client.listIterator(dir);
      while (children.hasNext()) {
        FileInfo child = children.next();
        add(child);
        if (child.directory()) {
          pending.push(child.path());
        }
      }
    } catch (NoSuchFileException gone) {
      // removed since its parent was listed
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
    }
  }

  private void add(FileInfo f) {
    if (f.directory()) {
      directories++;
    } else {
      files++;
      length += f.length();
      spaceConsumed += f.length() * f.replication();
    }
  }
}
