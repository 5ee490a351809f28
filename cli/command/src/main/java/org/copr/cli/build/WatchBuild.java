package org.copr.cli.build;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.OutputOptions;
import org.copr.cli.PollOptions;
import org.copr.client.Build;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "watch-build",
    description = "follow builds until they end; exit 0 only if all succeeded")
public class WatchBuild extends CoprSubcommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "the builds' ids")
  List<Long> ids;

  @Mixin PollOptions poll;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    List<Build> ended = new BuildWatcher(client(), output(), poll, format.json()).watch(ids);
    if (format.json()) {
      output().json(ended);
    }
    return BuildWatcher.exitCode(ended);
  }
}
