package org.copr.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How often the commands that wait ask the service again. */
public class PollOptions {
  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      defaultValue = "1",
      description = "seconds between two looks at the builds; default: ${DEFAULT-VALUE}")
  double seconds;

  public Duration interval() {
    return Duration.ofMillis(Math.max(50, (long) (seconds * 1000)));
  }

  /** Waits one interval; an interrupt (Ctrl-C) ends the wait as a failure. */
  public void pause() {
    try {
      Thread.sleep(interval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.BUILD_FAILED, "interrupted while waiting for the builds");
    }
  }
}
