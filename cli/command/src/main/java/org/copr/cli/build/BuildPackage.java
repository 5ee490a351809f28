package org.copr.cli.build;

import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "build-package",
    description = "build a package's current source (its newest SRPM) again",
    footer =
        "Builds in every chroot of the copr unless --chroot names some. Waits for the builds and"
            + " exits 0 only if all succeeded, unless --nowait is given.")
public class BuildPackage extends RebuildCommand {
  @Parameters(paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Option(
      names = "--name",
      paramLabel = "PKGNAME",
      required = true,
      description = "the package to build")
  String name;

  @Override
  public Integer call() {
    CoprClient client = login();
    return follow(client, client.pkgBuild(copr, name, rebuild()), "Building");
  }
}
