package io.bigfs.shell.admin;

import io.bigfs.shell.CommandGroup;
import io.bigfs.shell.Session;
import picocli.CommandLine.Command;

/** {@code bfs admin token issue}: user tokens for token mode. */
@Command(name = "token", description = "User tokens of token mode (security.auth=token).",
    subcommands = {TokenIssueCommand.class})
public final class AdminTokenCommand extends CommandGroup {
  AdminTokenCommand(Session session) {
    super(session);
  }
}
