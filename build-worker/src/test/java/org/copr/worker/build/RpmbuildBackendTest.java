package org.copr.worker.build;

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
import org.copr.worker.builder.Builders;
import org.copr.worker.builder.RpmbuildBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real rpmbuild on this host, run the way the worker runs it. */
class RpmbuildBackendTest {
  static final String PATH = System.getenv("PATH");

  @TempDir Path dir;

  @Test
  void withoutNodepsAPackageWithBuildRequiresFailsUpFrontBecauseNothingInstallsThem()
      throws Exception {
    Path srpm =
        TestRpms.srpm(
            dir.resolve("srpms"),
            "needy",
            "1.0",
            TestRpms.Options.defaults().buildRequires("libcopr-devel"));

    Run run = build(srpm, false);

    assertThat(run.exit).isEqualTo(11);
    assertThat(run.output).contains("Failed build dependencies").contains("libcopr-devel");
    assertThat(dir.resolve("results")).isEmptyDirectory();
  }

  @Test
  void withNodepsTheSamePackageBuildsAndItsNevraIsReadFromTheHeaders() throws Exception {
    String spec =
        TestRpms.spec(
                "needy",
                "1.0",
                TestRpms.Options.defaults().buildRequires("libcopr-devel").release("4"))
            .replace("Version: 1.0\n", "Version: 1.0\nEpoch: 3\n");
    Path srpm = TestRpms.srpmFromSpec(dir.resolve("srpms"), "needy", spec);

    Run run = build(srpm, true);

    assertThat(run.exit).as(run.output).isZero();
    assertThat(Artifacts.readAll(dir.resolve("results")))
        .containsExactly(new Artifact("needy-1.0-4.noarch.rpm", "needy", 3, "1.0", "4", "noarch"));
    assertThat(Artifacts.read(srpm))
        .isEqualTo(new Artifact(srpm.getFileName().toString(), "needy", 3, "1.0", "4", "src"));
  }

  record Run(int exit, String output) {}

  Run build(Path srpm, boolean nodeps) throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(work.resolve("tmp"));
    var job =
        new BuildJob(
            1,
            1,
            Chroot.parse("fedora-40-x86_64"),
            srpm,
            results,
            work,
            List.of(),
            Duration.ofMinutes(5));
    var builder = new RpmbuildBuilder(Builders.find("rpmbuild", PATH).orElseThrow(), nodeps);
    BuilderProcess process = BuilderProcess.start(builder.command(job), work, PATH);
    List<String> lines = new ArrayList<>();
    process.pump(lines::add);
    return new Run(process.waitFor(), String.join("\n", lines));
  }
}
