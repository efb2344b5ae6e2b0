package io.bigfs.shell.fs;

import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code bfs chown [-R] OWNER[:GROUP] PATH...}; ":GROUP" alone changes only the group. */
@Command(name = "chown", description = "Change owner and/or group: OWNER, OWNER:GROUP or :GROUP.")
public final class ChownCommand extends ClientCommand {
  @Spec
  CommandSpec spec;

  @Option(names = "-R", description = "Change everything below directories too.")
  boolean recursive;

  @Parameters(index = "0", paramLabel = "OWNER[:GROUP]")
  String owners;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
  List<String> paths;

  ChownCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() {
    int colon = owners.indexOf(':');
    String owner = emptyToNull(colon < 0 ? owners : owners.substring(0, colon));
    String group = colon < 0 ? null : emptyToNull(owners.substring(colon + 1));
    if (owner == null && group == null) {
      throw new ParameterException(spec.commandLine(), "'" + owners + "' names neither an owner nor a group");
    }
    return eachPath(paths, p -> TreeWalk.apply(client(), resolve(p), recursive,
        e -> client().setOwner(e.path(), owner, group)));
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
