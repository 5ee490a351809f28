package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.testing.Dnf;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * repo-worker publishes exactly the artifacts a publish request lists, each with the SHA-256 the
 * build worker reported: whatever else lands in the results folder (from a taken-over build host
 * with write access to the shared storage) never reaches a repository.
 */
@QuarkusTest
class ListedArtifactsTest {
  @Inject RepoWorkerConfig config;

  @TestHTTPResource("/repos")
  URL repos;

  @Test
  void anExtraRpmInTheResultsFolderIsNotPublished() throws Exception {
    String copr = Coprs.create(layout(), "extra", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished honest =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "honest", "1.0");
    Path evil = strangerRpm("evil-pkg");
    Files.copy(evil, layout().results(id, 1).resolve(evil.getFileName()));

    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(honest);
      Events.awaitPublished(status, id);
    }
    Path folder = layout().publishedBuild(copr, Coprs.FEDORA, id, "honest");
    assertThat(folder.resolve("honest-1.0-1.noarch.rpm")).isRegularFile();
    assertThat(folder.resolve(evil.getFileName())).doesNotExist();
    assertThat(Dnf.throwaway(url(copr)).available())
        .contains("honest 1.0-1")
        .doesNotContain("evil-pkg");
  }

  @Test
  void aListedFileWhoseBytesChangedAfterTheBuildIsRefusedWithTheReason() throws Exception {
    String copr = Coprs.create(layout(), "swapped", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished honest =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "victim", "1.0");
    // A valid, signed-able RPM of the same name but other content replaces the reported one.
    Path swapped = strangerRpm("victim");
    Path listed = layout().results(id, 1).resolve("victim-1.0-1.noarch.rpm");
    Files.copy(swapped, listed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(honest);
      assertThat(Events.awaitPublishFailed(status, id).reason())
          .contains("victim-1.0-1.noarch.rpm")
          .contains("SHA-256")
          .contains(FinishedBuilds.sha256(listed));
    }
    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, id, "victim")).doesNotExist();
    Path staging = layout().repos().resolve(".staging").resolve(copr).resolve(Coprs.FEDORA);
    if (Files.isDirectory(staging)) {
      try (var left = Files.list(staging)) {
        assertThat(left.toList()).as("nothing of it left in staging").isEmpty();
      }
    }
  }

  @Test
  void aRequestThatListsOnlyHashesOfOtherFilesPublishesNothing() throws Exception {
    String copr = Coprs.create(layout(), "forged", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished honest =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "plain", "1.0");
    List<BuildStatus.Artifact> forged = new ArrayList<>();
    for (BuildStatus.Artifact a : honest.artifacts()) {
      forged.add(
          new BuildStatus.Artifact(
              a.file(), a.name(), a.epoch(), a.version(), a.release(), a.arch(), "0".repeat(64)));
    }
    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(withArtifacts(honest, forged));
      assertThat(Events.awaitPublishFailed(status, id).reason()).contains("SHA-256");
    }
    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, id, "plain")).doesNotExist();
  }

  private static BuildStatus.Finished withArtifacts(
      BuildStatus.Finished f, List<BuildStatus.Artifact> artifacts) {
    return new BuildStatus.Finished(
        f.buildId(),
        f.attempt(),
        f.workerId(),
        f.copr(),
        f.chroot(),
        f.packageName(),
        true,
        0,
        f.results(),
        f.log(),
        artifacts,
        "",
        1,
        null,
        null);
  }

  /**
   * A real binary RPM built elsewhere, of the given name, version 1.0-1, whose content differs from
   * the honest build's (rpmbuild is reproducible here: the same spec gives the same bytes).
   */
  private static Path strangerRpm(String name) throws Exception {
    Path dir = Files.createTempDirectory("copr-stranger-");
    TestRpms.Options options = TestRpms.Options.defaults().requires("/bin/sh");
    Path srpm = TestRpms.srpm(dir, name, "1.0", options);
    Path out = dir.resolve("out");
    TestRpms.rebuild(srpm, out);
    try (var files = Files.walk(out)) {
      return files
          .filter(p -> p.getFileName().toString().equals(name + "-1.0-1.noarch.rpm"))
          .findFirst()
          .orElseThrow();
    }
  }

  private StorageLayout layout() {
    return config.layout();
  }

  private String url(String copr) {
    return repos + "/" + copr + "/" + Coprs.FEDORA + "/";
  }
}
