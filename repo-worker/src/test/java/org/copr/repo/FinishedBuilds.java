package org.copr.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.testing.TestRpms;

/**
 * Does what a build worker does, for real: rpmbuild --rebuild of a test SRPM, its RPMs handed over
 * flat into results/<build>/<attempt>/ with the SRPM, the log into logs/, and the {@code finished}
 * event that says so, listing each file with its SHA-256.
 */
public final class FinishedBuilds {
  private static final AtomicLong NEXT_ID = new AtomicLong(1000);

  private FinishedBuilds() {}

  public static long nextBuildId() {
    return NEXT_ID.incrementAndGet();
  }

  public static BuildStatus.Finished build(
      StorageLayout layout,
      long buildId,
      int attempt,
      String copr,
      String chroot,
      String name,
      String version,
      TestRpms.Options options) {
    try {
      Path results = layout.results(buildId, attempt);
      Files.createDirectories(results);
      Path srpm =
          TestRpms.srpm(Files.createTempDirectory("copr-test-srpm-"), name, version, options);
      Path built = Files.createTempDirectory("copr-test-built-");
      String log = TestRpms.rebuild(srpm, built);
      try (Stream<Path> files = Files.walk(built)) {
        for (Path rpm : files.filter(p -> p.toString().endsWith(".rpm")).toList()) {
          Files.copy(rpm, results.resolve(rpm.getFileName()));
        }
      }
      Files.copy(srpm, results.resolve(srpm.getFileName()));
      Files.createDirectories(layout.logs(buildId));
      Files.writeString(layout.log(buildId, attempt), log);
      List<BuildStatus.Artifact> artifacts;
      try (Stream<Path> files = Files.list(results)) {
        artifacts =
            files
                .filter(p -> p.toString().endsWith(".rpm"))
                .sorted()
                .map(
                    p ->
                        new BuildStatus.Artifact(
                            p.getFileName().toString(),
                            name,
                            null,
                            version,
                            options.release(),
                            p.toString().endsWith(".src.rpm") ? "src" : "noarch",
                            sha256(p)))
                .toList();
      }
      return new BuildStatus.Finished(
          buildId,
          attempt,
          "test-worker",
          copr,
          chroot,
          name,
          true,
          0,
          layout.relativize(results),
          layout.relativize(layout.log(buildId, attempt)),
          artifacts,
          "",
          100,
          null,
          null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BuildStatus.Finished build(
      StorageLayout layout, long buildId, String copr, String chroot, String name, String version) {
    return build(layout, buildId, 1, copr, chroot, name, version, TestRpms.Options.defaults());
  }

  /** As sha256sum computes it. */
  public static String sha256(Path file) {
    return org.copr.testing.Processes.check(
            file.getParent(), java.util.Map.of(), List.of("sha256sum", file.toString()))
        .substring(0, 64);
  }
}
