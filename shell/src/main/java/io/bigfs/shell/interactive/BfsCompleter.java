package io.bigfs.shell.interactive;

import io.bigfs.client.FileInfo;
import io.bigfs.shell.RemotePaths;
import io.bigfs.shell.Session;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tab completion: command names first, subcommand names after admin and local, then paths.
 * Paths are BigFS paths (listed through the session's client) except where a command takes
 * local ones: put's sources, and cp's arguments without bfs://.
 */
final class BfsCompleter implements Completer {
  /** Enough to choose from; a huge directory is not listed whole on every Tab. */
  private static final int MAX_CANDIDATES = 500;

  private final Session session;
  private final Map<String, List<String>> commands = new TreeMap<>();
  private final Completer localFiles = new FileNameCompleter();

  BfsCompleter(Session session, CommandLine root) {
    this.session = session;
    root.getSubcommands().forEach((name, sub) -> commands.put(name, List.copyOf(sub.getSubcommands().keySet())));
    Repl.BUILTINS.forEach(b -> commands.put(b, List.of()));
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (line.wordIndex() == 0) {
      commands.keySet().forEach(c -> candidates.add(new Candidate(c)));
      return;
    }
    String command = line.words().get(0);
    List<String> subcommands = commands.getOrDefault(command, List.of());
    String word = line.word().substring(0, line.wordCursor());
    if (!subcommands.isEmpty()) {
      if (line.wordIndex() == 1) {
        subcommands.forEach(s -> candidates.add(new Candidate(s)));
      }
      return;
    }
    if (word.startsWith("-")) {
      return;
    }
    boolean local = command.equals("put") || command.equals("cp") && !RemotePaths.isRemote(word);
    if (local) {
      localFiles.complete(reader, line, candidates);
    } else {
      candidates.addAll(remote(word));
    }
  }

  /** BigFS entries that complete {@code word}: "do" -> "docs/", "/docs/a" -> "/docs/a.txt". */
  List<Candidate> remote(String word) {
    String scheme = RemotePaths.isRemote(word) ? RemotePaths.SCHEME : "";
    String path = RemotePaths.stripScheme(word);
    int slash = path.lastIndexOf('/');
    String typedDir = path.substring(0, slash + 1);
    String prefix = path.substring(slash + 1);
    List<Candidate> found = new ArrayList<>();
    try {
      String dir = session.resolve(typedDir.isEmpty() ? "." : typedDir);
      for (Iterator<FileInfo> it = session.client().listIterator(dir); it.hasNext() && found.size() < MAX_CANDIDATES; ) {
        FileInfo f = it.next();
        if (f.name().startsWith(prefix)) {
          String suffix = f.directory() ? "/" : "";
          found.add(new Candidate(scheme + typedDir + f.name() + suffix, f.name() + suffix, null, null, null, null,
              !f.directory()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // No cluster, no such directory: nothing to offer, and no error in the middle of typing.
    }
    return found;
  }
}
