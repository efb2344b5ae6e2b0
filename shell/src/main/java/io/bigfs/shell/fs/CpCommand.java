package io.bigfs.shell.fs;

import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.RemotePaths;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.List;

/**
 * {@code bfs cp [-r] [-f] SRC... DST}, in any direction: the {@code bfs://} prefix marks the
 * BigFS side ({@code bfs cp notes.txt bfs://docs/}, {@code bfs cp bfs://a bfs://b}).
 */
@Command(name = "cp", description = {"Copy between the local disk and BigFS, or within BigFS.",
    "BigFS paths start with bfs:// (bfs://docs/a is /docs/a); other paths are local."})
public final class CpCommand extends ClientCommand {
  @Spec
  CommandSpec spec;

  @Mixin
  CopyFlags flags;

  @Parameters(paramLabel = "SRC", arity = "2..*", description = "Sources, then the destination.")
  List<String> args;

  CpCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() throws IOException {
    if (args.stream().noneMatch(RemotePaths::isRemote)) {
      throw new ParameterException(spec.commandLine(),
          "no BigFS path: write BigFS paths as bfs://path (bfs cp notes.txt bfs://docs/)");
    }
    Store local = new LocalStore(session.localDir());
    Store remote = new RemoteStore(session, flags.createOptions(), RemoteStore.UNCACHED);
    List<Location> all = args.stream()
        .map(a -> RemotePaths.isRemote(a) ? Location.of(remote, a) : Location.of(local, a)).toList();
    return new Copier(session, flags).copy(all.subList(0, all.size() - 1), all.get(all.size() - 1));
  }
}
