package org.copr.cli.copr;

import java.util.List;
import org.copr.cli.CliException;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.OutputOptions;
import org.copr.client.CoprChanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "edit-copr",
    description = "edit an existing copr",
    footer = "The lists given replace the copr's lists; what is not given stays as it is.")
public class EditCopr extends CoprSubcommand {
  @Parameters(paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Option(
      names = {"-d", "--description"},
      paramLabel = "TEXT",
      description = "the new description")
  String description;

  @Option(
      names = {"-r", "--release"},
      paramLabel = "RELEASE",
      split = ",",
      description = "the releases to build for")
  List<String> releases;

  @Option(
      names = {"-a", "--arch"},
      paramLabel = "ARCH",
      split = ",",
      description = "the architectures to build for")
  List<String> arches;

  @Option(
      names = "--dependency",
      paramLabel = "COPR",
      split = ",",
      description = "the coprs whose repositories the builds may use")
  List<String> dependencies;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "how long one of its builds may run")
  Integer timeout;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    if (description == null
        && releases == null
        && arches == null
        && dependencies == null
        && timeout == null) {
      throw new CliException(
          ExitCode.USAGE,
          "edit-copr changes nothing without --description, --release, --arch, --dependency or"
              + " --timeout");
    }
    return show(
        login()
            .coprEdit(copr, new CoprChanges(description, releases, arches, dependencies, timeout)),
        format);
  }
}
