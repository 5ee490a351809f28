package org.copr.cli.copr;

import org.copr.client.Copr;
import org.copr.client.CoprClient;
import picocli.CommandLine.Command;

@Command(name = "revoke-copr", description = "revoke permission on a copr")
public class RevokeCopr extends PermissionChange {
  @Override
  Copr apply(CoprClient client, String copr, String username) {
    return client.coprRevoke(copr, username);
  }
}
