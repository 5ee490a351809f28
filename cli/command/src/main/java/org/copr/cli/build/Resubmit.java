package org.copr.cli.build;

import org.copr.client.CoprClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "resubmit",
    description = "build the SRPM of a build again",
    footer =
        "Builds in the build's own chroot unless --chroot names others of its copr. Waits for the"
            + " builds and exits 0 only if all succeeded, unless --nowait is given.")
public class Resubmit extends RebuildCommand {
  @Parameters(paramLabel = "BUILD_ID", description = "the build whose SRPM to build again")
  long id;

  @Override
  public Integer call() {
    CoprClient client = login();
    return follow(client, client.buildResubmit(id, rebuild()), "Resubmitted");
  }
}
