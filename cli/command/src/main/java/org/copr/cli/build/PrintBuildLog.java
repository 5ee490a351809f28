package org.copr.cli.build;

import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.PollOptions;
import org.copr.client.CoprClient;
import org.copr.client.LogChunk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build-log", description = "print the log of a build's current attempt")
public class PrintBuildLog extends CoprSubcommand {
  @Parameters(paramLabel = "ID", description = "the build's id")
  long id;

  @Option(
      names = {"-f", "--follow"},
      description = "keep printing what the builder writes until the build ends")
  boolean follow;

  @Mixin PollOptions poll;

  @Override
  public Integer call() {
    CoprClient client = client();
    LogChunk chunk = client.buildLog(id, 0);
    print(chunk);
    while (chunk.more() || follow && !atEnd(chunk)) {
      if (!chunk.more()) {
        poll.pause();
      }
      chunk = client.buildLog(id, chunk.nextOffset());
      print(chunk);
    }
    return ExitCode.OK;
  }

  /** The build has ended and this read found nothing new: nothing more will come. */
  private static boolean atEnd(LogChunk chunk) {
    return chunk.state() != null && chunk.state().ended() && chunk.text().isEmpty();
  }

  private void print(LogChunk chunk) {
    shell().out().print(chunk.text());
    shell().out().flush();
  }
}
