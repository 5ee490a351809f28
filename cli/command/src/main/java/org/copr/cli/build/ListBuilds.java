package org.copr.cli.build;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.OutputOptions;
import org.copr.client.Build;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list-builds", description = "list the builds of a copr, newest first")
public class ListBuilds extends CoprSubcommand {
  @Parameters(paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Option(names = "--package", paramLabel = "PACKAGE", description = "only this package's builds")
  String pkg;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    List<Build> builds = pkg == null ? client().buildList(copr) : client().buildList(copr, pkg);
    if (format.json()) {
      output().json(builds);
    } else if (builds.isEmpty()) {
      output().line("No builds in copr " + copr + ".");
    } else {
      BuildTable.print(output(), builds);
    }
    return ExitCode.OK;
  }
}
