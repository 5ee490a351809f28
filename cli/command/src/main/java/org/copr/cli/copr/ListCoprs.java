package org.copr.cli.copr;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.Output;
import org.copr.cli.OutputOptions;
import org.copr.client.Copr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list-coprs", description = "list all the available Coprs")
public class ListCoprs extends CoprSubcommand {
  @Option(names = "--owner", paramLabel = "USERNAME", description = "only the coprs of this user")
  String owner;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    List<Copr> coprs = owner == null ? client().coprList() : client().coprList(owner);
    if (format.json()) {
      output().json(coprs);
      return ExitCode.OK;
    }
    if (coprs.isEmpty()) {
      output().line("No coprs.");
      return ExitCode.OK;
    }
    output()
        .table(
            List.of("NAME", "OWNER", "CHROOTS", "DESCRIPTION"),
            coprs.stream()
                .map(
                    c ->
                        List.of(
                            c.name(),
                            Output.text(c.owner()),
                            Output.list(c.chroots()),
                            Output.text(c.description())))
                .toList());
    return ExitCode.OK;
  }
}
