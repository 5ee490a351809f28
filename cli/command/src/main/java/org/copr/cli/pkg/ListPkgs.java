package org.copr.cli.pkg;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.Output;
import org.copr.cli.OutputOptions;
import org.copr.client.Build;
import org.copr.client.Pkg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "list-pkgs", description = "list all the packages in a copr")
public class ListPkgs extends CoprSubcommand {
  @Parameters(paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    List<Pkg> pkgs = client().pkgList(copr);
    if (format.json()) {
      output().json(pkgs);
    } else if (pkgs.isEmpty()) {
      output().line("No packages in copr " + copr + ".");
    } else {
      output()
          .table(
              List.of("NAME", "VERSION", "BUILDS", "SUMMARY"),
              pkgs.stream()
                  .map(p -> List.of(p.name(), p.latestEvr(), states(p), Output.text(p.summary())))
                  .toList());
    }
    return ExitCode.OK;
  }

  private String states(Pkg p) {
    List<Build> builds = p.latestBuilds() == null ? List.of() : p.latestBuilds();
    return builds.isEmpty()
        ? "-"
        : String.join(
            ", ", builds.stream().map(b -> b.chroot() + ":" + output().state(b.state())).toList());
  }
}
