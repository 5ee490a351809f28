package org.copr.cli.copr;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Grants a user a permission on a copr, or takes it back; prints the copr after. */
abstract class PermissionChange extends CoprSubcommand {
  @Parameters(index = "0", paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Parameters(index = "1", paramLabel = "USERNAME", description = "the user concerned")
  String username;

  @Mixin OutputOptions format;

  abstract Copr apply(CoprClient client, String copr, String username);

  @Override
  public Integer call() {
    return show(apply(login(), copr, username), format);
  }
}
