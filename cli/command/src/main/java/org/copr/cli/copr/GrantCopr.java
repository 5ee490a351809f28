package org.copr.cli.copr;

import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;

@Command(name = "grant-copr", description = "grant permission on a copr")
public class GrantCopr extends PermissionChange {
  @Override
  Copr apply(CoprClient client, String copr, String username, String permission) {
    return client.coprGrant(copr, username, permission);
  }
}
