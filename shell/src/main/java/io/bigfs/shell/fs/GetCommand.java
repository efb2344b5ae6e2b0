package io.bigfs.shell.fs;

import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code bfs get [-r] [-f] [--no-cache] BFSPATH... LOCAL}: BigFS files onto the local disk. */
@Command(name = "get", description = "Copy BigFS files (directories with -r) to the local disk; into LOCAL when it is a directory.")
public final class GetCommand extends ClientCommand {
  @Mixin
  CopyFlags flags;

  @Mixin
  CacheFlag cache;

  @Parameters(paramLabel = "BFSPATH", arity = "2..*", description = "BigFS sources, then the local destination.")
  List<String> args;

  GetCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    Store remote = new RemoteStore(session, flags.createOptions(), cache.openOptions());
    List<Location> sources = args.subList(0, args.size() - 1).stream().map(a -> Location.of(remote, a)).toList();
    Location target = Location.of(new LocalStore(session.localDir()), args.get(args.size() - 1));
    return new Copier(session, flags).copy(sources, target);
  }
}
