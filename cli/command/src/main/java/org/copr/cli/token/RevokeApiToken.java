package org.copr.cli.token;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke-api-token", description = "revoke an API token: it is refused at once")
public class RevokeApiToken extends CoprSubcommand {
  @Parameters(paramLabel = "ID", description = "the token's id (see api-tokens)")
  long id;

  @Override
  public Integer call() {
    login().apiTokenRevoke(id);
    output().line("API token " + id + " is revoked.");
    return ExitCode.OK;
  }
}
