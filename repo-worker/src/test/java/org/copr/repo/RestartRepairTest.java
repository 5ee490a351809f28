package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.repo.repository.BuildMarker;
import org.copr.repo.repository.RepoWriters;
import org.copr.repo.repository.StartRecovery;
import org.copr.testing.Dnf;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The start-up recovery on storage that a repo-worker killed in the middle of a publish left: it
 * finishes the interrupted publish without any event asking for it.
 */
@QuarkusTest
class RestartRepairTest {
  private static final String COPR = "crashed-start";
  private static final String CHROOT = Coprs.FEDORA;

  @Inject RepoWorkerConfig config;
  @Inject RepoWriters writers;

  @TestHTTPResource("/repos")
  URL repos;

  @Test
  void startIndexesAndReportsTheBuildACrashLeftBehind() throws Exception {
    StorageLayout layout = config.layout();
    long id = FinishedBuilds.nextBuildId();
    // The crash: folder moved in but neither indexed nor reported, createrepo_c's unfinished
    // .repodata/, and a half-assembled folder under repos/.staging/.
    FinishedBuilds.build(layout, id, COPR, CHROOT, "phoenix", "1.0");
    Path folder = layout.publishedBuild(COPR, CHROOT, id, "phoenix");
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.walk(layout.results(id, 1))) {
      for (Path rpm : files.filter(p -> p.toString().endsWith(".rpm")).toList()) {
        Files.createLink(folder.resolve(rpm.getFileName()), rpm);
      }
    }
    new BuildMarker(id, 1, "phoenix", false).write(folder);
    Path repo = layout.repo(COPR, CHROOT);
    Files.createDirectories(repo.resolve(".repodata"));
    Files.writeString(repo.resolve(".repodata/repomd.xml"), "half written");
    Path staging = layout.repos().resolve(".staging").resolve(COPR).resolve(CHROOT).resolve("x-1");
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("half.rpm"), "half copied");

    try (TopicProbe status = Events.statusProbe()) {
      StartRecovery.run(writers);
      BuildStatus.Published published = Events.awaitPublished(status, id);
      assertThat(published.copr()).isEqualTo(COPR);
      assertThat(published.chroot()).isEqualTo(CHROOT);
    }
    assertThat(layout.repos().resolve(".staging")).doesNotExist();
    assertThat(repo.resolve(".repodata")).doesNotExist();
    // The marker is rewritten right after Kafka acknowledged the event.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> BuildMarker.read(folder).map(BuildMarker::reported).orElse(false));
    Dnf dnf = Dnf.throwaway(repos + "/" + COPR + "/" + CHROOT + "/");
    dnf.check("install", "phoenix");
    assertThat(dnf.runInstalled("phoenix")).isEqualTo("phoenix 1.0");
  }
}
