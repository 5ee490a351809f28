package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** A build that cannot be published is reported as publish_failed and changes no repository. */
@QuarkusTest
class PublishFailureTest {
  @Inject RepoWorkerConfig config;

  @Test
  void damagedPackageIsNotPublished() throws Exception {
    String copr = Coprs.create(layout(), "damaged", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished finished =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "broken", "1.0");
    Path rpm = layout().results(id, 1).resolve("broken-1.0-1.noarch.rpm");
    try (RandomAccessFile file = new RandomAccessFile(rpm.toFile(), "rw")) {
      file.seek(file.length() - 64);
      file.write(new byte[32]);
    }

    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(finished);
      BuildStatus.PublishFailed failed = Events.awaitPublishFailed(status, id);
      assertThat(failed.attempt()).isEqualTo(1);
      assertThat(failed.reason())
          .contains("package check failed")
          .contains("broken-1.0-1.noarch.rpm");
    }
    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, id, "broken")).doesNotExist();
  }

  @Test
  void buildWithoutResultsIsNotPublished() {
    String copr = Coprs.create(layout(), "empty", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished finished =
        new BuildStatus.Finished(
            id,
            1,
            "w",
            copr,
            Coprs.FEDORA,
            "ghost",
            true,
            0,
            null,
            null,
            List.of(),
            "",
            1,
            null,
            null);
    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(finished);
      assertThat(Events.awaitPublishFailed(status, id).reason()).contains("no RPMs in results/");
    }
    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, id, "ghost")).doesNotExist();
  }

  @Test
  void listedArtifactThatIsASymlinkRefusesTheBuildAndTouchesNothing() throws Exception {
    String copr = Coprs.create(layout(), "linked", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished finished =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "sly", "1.0");
    Path rpm = layout().results(id, 1).resolve("sly-1.0-1.noarch.rpm");
    Path target = Files.createTempFile("copr-not-a-result-", ".rpm");
    Files.move(rpm, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.createSymbolicLink(rpm, target);

    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(finished);
      assertThat(Events.awaitPublishFailed(status, id).reason())
          .contains("sly-1.0-1.noarch.rpm")
          .contains("not a regular file");
    }
    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, id, "sly")).doesNotExist();
    assertThat(target).isRegularFile();
    assertThat(rpm).isSymbolicLink();
  }

  @Test
  void buildOfACoprWithoutRepositoryCreatesNone() {
    String copr = "never-created-" + FinishedBuilds.nextBuildId();
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished finished =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "orphan", "1.0");
    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(finished);
      assertThat(Events.awaitPublishFailed(status, id).reason())
          .contains("there is no repository " + copr);
    }
    assertThat(layout().repos().resolve(copr)).doesNotExist();
  }

  private StorageLayout layout() {
    return config.layout();
  }
}
