package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.testing.KafkaTestResource;
import org.copr.testing.StorageTestResource;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** A build that cannot be published is reported as publish_failed and changes no repository. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaTestResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "user", value = "repo-worker"))
@QuarkusTestResource(value = StorageTestResource.class, restrictToAnnotatedClass = false)
class PublishFailureTest {
  @Inject RepoWorkerConfig config;

  @Test
  void damagedPackageIsNotPublished() throws Exception {
    String copr = Coprs.create(layout(), "damaged", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished finished =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "broken", "1.0");
    Path rpm = layout().results(id, 1).resolve("noarch/broken-1.0-1.noarch.rpm");
    try (RandomAccessFile file = new RandomAccessFile(rpm.toFile(), "rw")) {
      file.seek(file.length() - 64);
      file.write(new byte[32]);
    }

    try (TopicProbe status = Events.statusProbe()) {
      Events.status(finished);
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
            id, 1, "w", copr, Coprs.FEDORA, "ghost", true, 0, null, null, List.of(), "", 1);
    try (TopicProbe status = Events.statusProbe()) {
      Events.status(finished);
      assertThat(Events.awaitPublishFailed(status, id).reason()).contains("no RPMs in results/");
    }
    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, id, "ghost")).doesNotExist();
  }

  private StorageLayout layout() {
    return config.layout();
  }
}
