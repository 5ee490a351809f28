package org.copr.cli.copr;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Grants a user a permission on a copr, or takes it back; prints the copr after. */
abstract class PermissionChange extends CoprSubcommand {
  enum Permission {
    builder,
    admin
  }

  @Parameters(index = "0", paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Parameters(index = "1", paramLabel = "USERNAME", description = "the user concerned")
  String username;

  @Option(
      names = "--permission",
      paramLabel = "PERMISSION",
      defaultValue = "builder",
      description =
          "builder (may upload packages) or admin (may also edit the copr);"
              + " default: ${DEFAULT-VALUE}")
  Permission permission;

  @Mixin OutputOptions format;

  abstract Copr apply(CoprClient client, String copr, String username, String permission);

  @Override
  public Integer call() {
    return show(apply(login(), copr, username, permission.name()), format);
  }
}
