package org.copr.cli.build;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.OutputOptions;
import org.copr.client.Build;
import org.copr.contracts.rest.BuildState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "cancel-build", description = "cancel a build that has not ended yet")
public class RequestBuildCancel extends CoprSubcommand {
  @Parameters(paramLabel = "ID", description = "the build's id")
  long id;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    Build b = login().buildCancel(id);
    if (format.json()) {
      output().json(b);
    } else {
      output()
          .line(
              b.state() == BuildState.CANCELED
                  ? "Build " + b.id() + " is canceled."
                  : "Build "
                      + b.id()
                      + " will be canceled (it is "
                      + b.state().wire()
                      + "; the scheduler or its worker stops it).");
    }
    return ExitCode.OK;
  }
}
