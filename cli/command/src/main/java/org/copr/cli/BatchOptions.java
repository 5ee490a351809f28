package org.copr.cli;

import org.copr.client.BatchOption;
import picocli.CommandLine.Option;

/** Fedora copr-cli's batch options, on every command that requests builds. */
public class BatchOptions {
  @Option(
      names = "--after-build-id",
      paramLabel = "BUILD_ID",
      description =
          "start the builds only after every build of build BUILD_ID's batch has ended"
              + " (succeeded, failed or canceled)")
  Long after;

  @Option(
      names = "--with-build-id",
      paramLabel = "BUILD_ID",
      description = "put the builds into build BUILD_ID's batch, which must not have ended")
  Long with;

  public BatchOption option() {
    if (after != null && with != null) {
      throw new CliException(ExitCode.USAGE, "give --after-build-id or --with-build-id, not both");
    }
    if ((after != null && after < 1) || (with != null && with < 1)) {
      throw new CliException(ExitCode.USAGE, "a build id is a positive number");
    }
    return new BatchOption(after, with);
  }
}
