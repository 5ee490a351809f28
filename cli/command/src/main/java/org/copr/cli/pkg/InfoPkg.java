package org.copr.cli.pkg;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.Output;
import org.copr.cli.OutputOptions;
import org.copr.cli.build.BuildTable;
import org.copr.client.Pkg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "info-pkg", description = "get information on a package")
public class InfoPkg extends CoprSubcommand {
  @Parameters(index = "0", paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Parameters(index = "1", paramLabel = "PACKAGE", description = "the package's name")
  String pkg;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    Pkg p = client().pkgInfo(copr, pkg);
    if (format.json()) {
      output().json(p);
      return ExitCode.OK;
    }
    output()
        .fields(
            List.of(
                List.of("name", p.name()),
                List.of("copr", p.copr()),
                List.of("summary", Output.text(p.summary())),
                List.of("license", Output.text(p.license())),
                List.of("latest", p.latestEvr())));
    output().line("");
    output()
        .table(
            List.of("VERSION", "UPLOADED", "BY", "SIZE", "SHA256"),
            p.versions().stream()
                .map(
                    v ->
                        List.of(
                            v.evr(),
                            Output.time(v.uploadedAt()),
                            Output.text(v.uploadedBy()),
                            Long.toString(v.srpmSize()),
                            Output.text(v.srpmSha256())))
                .toList());
    if (p.latestBuilds() != null && !p.latestBuilds().isEmpty()) {
      output().line("");
      BuildTable.print(output(), p.latestBuilds());
    }
    return ExitCode.OK;
  }
}
