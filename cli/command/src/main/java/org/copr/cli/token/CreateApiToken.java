package org.copr.cli.token;

import java.time.temporal.ChronoUnit;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.OutputOptions;
import org.copr.client.CoprClient;
import org.copr.client.IssuedApiToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Makes an API token and prints it once, as config file lines: saved as ~/.config/copr they log the
 * command in with the token (and work for copr-cli's reader too).
 */
@Command(
    name = "new-api-token",
    description = "make an API token for scripts and print it (shown only this once)")
public class CreateApiToken extends CoprSubcommand {
  @Option(names = "--name", paramLabel = "NAME", description = "what the token is for")
  String tokenName;

  @Option(
      names = "--expires-in",
      paramLabel = "DAYS",
      description = "days until it expires (default 180, at most 365)")
  Integer expiresIn;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    CoprClient copr = passwordLogin();
    IssuedApiToken t = copr.apiTokenCreate(tokenName, expiresIn);
    if (format.json()) {
      output().json(t);
      return ExitCode.OK;
    }
    output().line("# API token " + t.id() + (t.name() == null ? "" : " (" + t.name() + ")"));
    output().line("[copr-cli]");
    output().line("login = " + t.username());
    output().line("username = " + t.username());
    output().line("token = " + t.token());
    output().line("copr_url = " + copr.url());
    output().line("# expiration date: " + t.expiresAt().truncatedTo(ChronoUnit.SECONDS));
    return ExitCode.OK;
  }
}
