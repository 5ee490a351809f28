package org.copr.cli.pkg;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete-pkg", description = "delete a package")
public class DeletePkg extends CoprSubcommand {
  @Parameters(index = "0", paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Parameters(index = "1", paramLabel = "PACKAGE", description = "the package's name")
  String pkg;

  @Override
  public Integer call() {
    login().pkgDelete(copr, pkg);
    output().line("Deleted package " + pkg + " from copr " + copr + ".");
    return ExitCode.OK;
  }
}
