package io.bigfs.client;

import java.util.List;

/** One page of a directory listing, in name order; ask for the next page after the last name. */
public record DirectoryPage(List<FileInfo> entries, boolean hasMore) {
  /** The name to pass as {@code startAfter} for the next page. */
  public String lastName() {
    return entries.isEmpty() ? "" : entries.get(entries.size() - 1).name();
  }
}
