package org.copr.cli.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.copr.cli.BatchOptions;
import org.copr.cli.CliException;
import org.copr.cli.CoprSubcommand;
import org.copr.cli.ExitCode;
import org.copr.cli.OutputOptions;
import org.copr.cli.PollOptions;
import org.copr.cli.build.BuildWatcher;
import org.copr.client.CoprClient;
import org.copr.client.Upload;
import org.copr.client.UploadListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create-pkg",
    description = "create a new package by uploading a srpm",
    footer = "Waits for the builds and exits 0 only if all succeeded, unless --nowait is given.")
public class CreatePkg extends CoprSubcommand {
  /** Smaller uploads end before a bar would be worth drawing. */
  private static final long BAR_FROM_BYTES = 1024 * 1024;

  @Parameters(index = "0", paramLabel = "COPR", description = "the copr's name")
  String copr;

  @Parameters(index = "1", paramLabel = "SRPM", description = "the source RPM file to upload")
  Path srpm;

  @Option(names = "--nowait", description = "return once uploaded, without waiting for the builds")
  boolean nowait;

  @Mixin BatchOptions batch;

  @Mixin PollOptions poll;

  @Mixin OutputOptions format;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(srpm) || !Files.isReadable(srpm)) {
      throw new CliException(ExitCode.USAGE, "cannot read the SRPM " + srpm);
    }
    CoprClient client = login();
    UploadListener progress =
        shell().terminal() && Files.size(srpm) >= BAR_FROM_BYTES
            ? new UploadProgress(shell().err(), srpm.getFileName().toString())
            : UploadListener.NONE;
    Upload upload = client.pkgCreate(copr, srpm, progress, batch.option());
    if (!format.json()) {
      output()
          .line(
              "Uploaded "
                  + upload.pkg().name()
                  + " "
                  + upload.pkg().latestEvr()
                  + " to copr "
                  + copr
                  + ": builds "
                  + String.join(
                      ", ",
                      upload.builds().stream().map(b -> b.id() + " (" + b.chroot() + ")").toList())
                  + ".");
    }
    return new BuildWatcher(client, output(), poll, format.json()).follow(upload, nowait);
  }
}
