package io.bigfs.shell.fs;

import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.RemotePaths;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

/** {@code bfs put [-r] [-f] LOCAL... BFSPATH}: local files into BigFS. */
@Command(name = "put", description = "Copy local files (directories with -r) into BigFS; into BFSPATH when it is a directory.")
public final class PutCommand extends ClientCommand {
  @Mixin
  CopyFlags flags;

  @Parameters(paramLabel = "LOCAL", arity = "2..*", description = "Local sources, then the BigFS destination.")
  List<String> args;

  PutCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    Store local = new LocalStore(session.localDir());
    Store remote = new RemoteStore(session, flags.createOptions(), RemoteStore.UNCACHED);
    List<Location> sources = args.subList(0, args.size() - 1).stream()
        .map(a -> RemotePaths.isRemote(a) ? Location.of(remote, a) : Location.of(local, a)).toList();
    return new Copier(session, flags).copy(sources, Location.of(remote, args.get(args.size() - 1)));
  }
}
