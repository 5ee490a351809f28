package org.copr.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.copr.contracts.BuildStatus.Artifact;
import org.copr.contracts.Chroot;
import org.copr.testing.TestRpms;
import org.copr.worker.builder.BuildJob;
import org.copr.worker.builder.Builder;
import org.copr.worker.builder.Builders;
import org.copr.worker.builder.TestSandboxConfig;
import org.copr.worker.config.WorkerConfig.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real bubblewrap and rpmbuild on this host, run the way the worker runs them. */
class SandboxBackendTest {
  static final String PATH = System.getenv("PATH");

  @TempDir Path dir;

  @Test
  void aPackageWhoseBuildRequiresTheHostProvidesBuildsWithoutNodepsAndItsNevraIsRead()
      throws Exception {
    String spec =
        TestRpms.spec(
                "needy",
                "1.0",
                TestRpms.Options.defaults().buildRequires("make", "/usr/bin/gcc").release("4"))
            .replace("Version: 1.0\n", "Version: 1.0\nEpoch: 3\n");
    Path srpm = TestRpms.srpmFromSpec(dir.resolve("srpms"), "needy", spec);

    Run run = build(srpm);

    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.command).doesNotContain("--nodeps").contains("--unshare-all", "--clearenv");
    assertThat(run.output)
        .contains(
            "BuildRequires from the host toolchain: [/usr/bin/gcc, make]; from the build's"
                + " repositories: []");
    Path rpm = dir.resolve("results").resolve("needy-1.0-4.noarch.rpm");
    assertThat(Artifacts.readAll(dir.resolve("results")))
        .containsExactly(
            new Artifact(rpm.getFileName().toString(), "needy", 3, "1.0", "4", "noarch", sha(rpm)));
    assertThat(Artifacts.read(srpm))
        .isEqualTo(
            new Artifact(srpm.getFileName().toString(), "needy", 3, "1.0", "4", "src", sha(srpm)));
  }

  /** What sha256sum, not the worker's own code, says of the file. */
  private static String sha(Path file) throws Exception {
    return org.copr.testing.Processes.check(
            file.getParent(), java.util.Map.of(), List.of("sha256sum", file.toString()))
        .substring(0, 64);
  }

  record Run(int exit, String output, List<String> command) {}

  Run build(Path srpm) throws Exception {
    // JUnit's folder is private to root; the build's uid binds its folders from inside it.
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    Path results = dir.resolve("results");
    Path work = Files.createDirectories(dir.resolve("work/1-1-x"));
    var job =
        new BuildJob(
            1,
            1,
            Chroot.parse("fedora-40-x86_64"),
            srpm,
            results,
            work,
            List.of(),
            Duration.ofMinutes(5),
            0);
    Builder builder =
        Builders.choose(Backend.SANDBOX, PATH, TestSandboxConfig.defaults(), dir.resolve("work"));
    List<String> lines = new ArrayList<>();
    builder.prepare(job, lines::add);
    List<String> command = builder.command(job);
    BuilderProcess process =
        BuilderProcess.start(command, work, PATH, builder.environment(job, PATH));
    process.pump(16384, lines::add, () -> {});
    return new Run(process.waitFor(), String.join("\n", lines), command);
  }
}
