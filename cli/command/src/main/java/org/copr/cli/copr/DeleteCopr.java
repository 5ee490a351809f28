package org.copr.cli.copr;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete-copr", description = "delete an existing copr")
public class DeleteCopr extends CoprSubcommand {
  @Parameters(paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Override
  public Integer call() {
    login().coprDelete(copr);
    output().line("Deleted copr " + copr + ".");
    return ExitCode.OK;
  }
}
