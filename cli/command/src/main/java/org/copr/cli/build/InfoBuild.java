package org.copr.cli.build;

import java.util.List;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.Output;
import org.copr.cli.OutputOptions;
import org.copr.client.Build;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "info-build", description = "get information about a build")
public class InfoBuild extends CoprSubcommand {
  @Parameters(paramLabel = "ID", description = "the build's id")
  long id;

  @Mixin OutputOptions format;

  @Override
  public Integer call() {
    Build b = client().buildInfo(id);
    if (format.json()) {
      output().json(b);
      return ExitCode.OK;
    }
    output()
        .fields(
            List.of(
                List.of("id", Long.toString(b.id())),
                List.of("copr", b.copr()),
                List.of("package", b.packageName()),
                List.of("version", Output.text(b.evr())),
                List.of("chroot", b.chroot()),
                List.of("state", output().state(b.state())),
                List.of("attempt", Integer.toString(b.attempt())),
                List.of("worker", Output.text(b.workerId())),
                List.of("submitted by", Output.text(b.submittedBy())),
                List.of("submitted", Output.time(b.submittedAt())),
                List.of("started", Output.time(b.startedAt())),
                List.of("ended", Output.time(b.endedAt())),
                List.of("cancel asked", Output.time(b.cancelRequestedAt())),
                List.of("batch", b.batchId() == null ? "-" : b.batchId().toString()),
                List.of(
                    "after batch",
                    b.blockedByBatch() == null ? "-" : b.blockedByBatch().toString()),
                List.of("reason", Output.reason(b.reason()))));
    return ExitCode.OK;
  }
}
