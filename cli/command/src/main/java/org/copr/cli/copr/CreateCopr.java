package org.copr.cli.copr;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import org.copr.client.NewCopr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create-copr", description = "create a new Copr")
public class CreateCopr extends CoprSubcommand {
  @Parameters(paramLabel = "NAME", description = "the new copr's name")
  String name;

  @Option(
      names = {"-d", "--description"},
      paramLabel = "TEXT",
      defaultValue = "",
      description = "what the copr holds")
  String description;

  @Option(
      names = {"-r", "--release"},
      paramLabel = "RELEASE",
      required = true,
      split = ",",
      description = "a release to build for, e.g. fedora-40 (repeat or separate with commas)")
  List<String> releases;

  @Option(
      names = {"-a", "--arch"},
      paramLabel = "ARCH",
      split = ",",
      description = "an architecture to build for (default x86_64)")
  List<String> arches = List.of();

  @Option(
      names = "--dependency",
      paramLabel = "COPR",
      split = ",",
      description = "a copr whose repositories the builds may use")
  List<String> dependencies = List.of();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "how long one of its builds may run (default 18000, 5 hours)")
  Integer timeout;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    return show(
        login().coprCreate(new NewCopr(name, description, releases, arches, dependencies, timeout)),
        format);
  }
}
