package io.bigfs.shell.fs;

import io.bigfs.shell.ClientCommand;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.util.List;
import java.util.regex.Pattern;

/** {@code bfs chmod [-R] MODE PATH...} with an octal mode such as 755 or 0640. */
@Command(name = "chmod", description = "Change permission bits (octal, e.g. 755).")
public final class ChmodCommand extends ClientCommand {
  @Option(names = "-R", description = "Change everything below directories too.")
  boolean recursive;

  @Parameters(index = "0", paramLabel = "MODE", converter = OctalMode.class, description = "Octal mode, 0 to 7777.")
  int mode;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
  List<String> paths;

  ChmodCommand(Session session) {
    super(session);
  }

  @Override
  protected int run() {
    return eachPath(paths, p -> TreeWalk.apply(client(), resolve(p), recursive,
        e -> client().setPermission(e.path(), mode)));
  }

  /** A bad mode is a usage error, caught before anything is sent. */
  static final class OctalMode implements ITypeConverter<Integer> {
    private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");

    @Override
    public Integer convert(String value) {
      if (!OCTAL.matcher(value).matches()) {
        throw new TypeConversionException("'" + value + "' is not an octal mode (0 to 7777, e.g. 755)");
      }
      return Integer.parseInt(value, 8);
    }
  }
}
