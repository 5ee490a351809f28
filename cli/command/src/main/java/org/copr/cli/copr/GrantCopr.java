package org.copr.cli.copr;

import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "grant-copr", description = "grant permission on a copr")
public class GrantCopr extends PermissionChange {
  enum Permission {
    builder,
    admin
  }

  @Option(
      names = "--permission",
      paramLabel = "PERMISSION",
      defaultValue = "builder",
      description =
          "builder (may upload packages and cancel builds) or admin (may also edit the copr);"
              + " replaces the user's permission; default: ${DEFAULT-VALUE}")
  Permission permission;

  @Override
  Copr apply(CoprClient client, String copr, String username) {
    return client.coprGrant(copr, username, permission.name());
  }
}
