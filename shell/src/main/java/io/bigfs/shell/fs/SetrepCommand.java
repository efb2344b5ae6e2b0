package io.bigfs.shell.fs;

import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * {@code bfs setrep N PATH...}. Replication belongs to files; for a directory it is set on
 * every file below it, as HDFS does.
 */
@Command(name = "setrep", description = "Set the replication factor of files (of every file below a directory).")
public final class SetrepCommand extends ClientCommand {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "N", description = "Replicas per chunk.")
  int replication;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
  List<String> paths;

  SetrepCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() {
    if (replication < 1) {
      throw new ParameterException(spec.commandLine(), "replication must be at least 1, got " + replication);
    }
    return eachPath(paths, p -> TreeWalk.walk(client(), client().stat(resolve(p)), e -> {
      if (!e.directory()) {
        client().setReplication(e.path(), replication);
        out().println("Replication " + replication + " set: " + e.path());
      }
    }));
  }
}
