package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.repo.build.BuildMarker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** The start after a crash finishes the interrupted publish without any event asking for it. */
@QuarkusTest
@TestProfile(CrashedStorage.Profile.class)
class RestartRepairTest {
  @Inject RepoWorkerConfig config;

  @TestHTTPResource("/repos")
  URL repos;

  @Test
  void startIndexesAndReportsTheBuildACrashLeftBehind() {
    StorageLayout layout = config.layout();
    try (TopicProbe status = Events.statusProbe()) {
      BuildStatus.Published published = Events.awaitPublished(status, CrashedStorage.BUILD_ID);
      assertThat(published.copr()).isEqualTo(CrashedStorage.COPR);
      assertThat(published.chroot()).isEqualTo(CrashedStorage.CHROOT);
    }
    assertThat(layout.repos().resolve(".staging")).doesNotExist();
    assertThat(layout.repo(CrashedStorage.COPR, CrashedStorage.CHROOT).resolve(".repodata"))
        .doesNotExist();
    Path folder =
        layout.publishedBuild(
            CrashedStorage.COPR,
            CrashedStorage.CHROOT,
            CrashedStorage.BUILD_ID,
            CrashedStorage.PACKAGE);
    // The marker is rewritten right after Kafka acknowledged the event.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> BuildMarker.read(folder).map(BuildMarker::reported).orElse(false));
    String url = repos + "/" + CrashedStorage.COPR + "/" + CrashedStorage.CHROOT + "/";
    Dnf dnf = new Dnf(url);
    dnf.check("install", CrashedStorage.PACKAGE);
    assertThat(dnf.runProgram(CrashedStorage.PACKAGE)).isEqualTo("phoenix 1.0");
  }
}
