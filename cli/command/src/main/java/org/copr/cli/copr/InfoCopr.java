package org.copr.cli.copr;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "info-copr", description = "get information about a specific Copr")
public class InfoCopr extends CoprSubcommand {
  @Parameters(paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    return show(client().coprInfo(copr), format);
  }
}
