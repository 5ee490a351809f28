package org.copr.cli.token;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.Output;
import org.copr.cli.OutputOptions;
import org.copr.client.ApiToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "api-tokens", description = "list your API tokens (never their values)")
public class ListApiTokens extends CoprSubcommand {
  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    List<ApiToken> tokens = login().apiTokenList();
    if (format.json()) {
      output().json(tokens);
      return ExitCode.OK;
    }
    if (tokens.isEmpty()) {
      output().line("No API tokens.");
      return ExitCode.OK;
    }
    output()
        .table(
            List.of("ID", "NAME", "CREATED", "EXPIRES", "LAST USED"),
            tokens.stream()
                .map(
                    t ->
                        List.of(
                            Long.toString(t.id()),
                            Output.text(t.name()),
                            Output.time(t.createdAt()),
                            Output.time(t.expiresAt()),
                            Output.time(t.lastUsedAt())))
                .toList());
    return ExitCode.OK;
  }
}
