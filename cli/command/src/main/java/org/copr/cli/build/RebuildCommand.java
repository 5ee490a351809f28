package org.copr.cli.build;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import org.copr.cli.PollOptions;
import org.copr.client.CoprClient;
import org.copr.client.Rebuild;
import org.copr.client.Upload;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that builds a stored SRPM again ({@code resubmit}, {@code build-package}): Fedora's
 * copr-cli options for choosing chroots and the timeout, then the new builds followed as {@code
 * create-pkg} follows an upload's.
 */
abstract class RebuildCommand extends CoprSubcommand {
  @Option(
      names = {"-r", "--chroot"},
      paramLabel = "CHROOT",
      description = "build only in this chroot of the copr (repeat for more)")
  List<String> chroots;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "stop and fail a build that runs longer (default: the copr's timeout)")
  Integer timeout;

  @Option(names = "--nowait", description = "return at once, without waiting for the builds")
  boolean nowait;

  @Mixin PollOptions poll;

  @Mixin OutputOptions format;

  /** What to send: the options given. */
  Rebuild rebuild() {
    return new Rebuild(chroots, timeout);
  }

  /** Prints what {@code made} started ({@code what} names how) and waits for it unless --nowait. */
  int follow(CoprClient client, Upload made, String what) {
    if (!format.json()) {
      output()
          .line(
              what
                  + " "
                  + made.pkg().name()
                  + " "
                  + made.builds().get(0).evr()
                  + " in copr "
                  + made.pkg().copr()
                  + ": builds "
                  + String.join(
                      ", ",
                      made.builds().stream().map(b -> b.id() + " (" + b.chroot() + ")").toList())
                  + ".");
    }
    return new BuildWatcher(client, output(), poll, format.json()).follow(made, nowait);
  }
}
