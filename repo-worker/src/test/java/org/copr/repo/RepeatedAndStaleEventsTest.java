package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.repo.repository.Createrepo;
import org.copr.testing.Dnf;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka delivers at least once and attempts race: a repeated or stale {@code finished} never
 * publishes twice nor replaces a newer build.
 */
@QuarkusTest
class RepeatedAndStaleEventsTest {
  private static TopicProbe status;

  @Inject RepoWorkerConfig config;
  @Inject Createrepo createrepo;

  @TestHTTPResource("/repos")
  URL repos;

  @BeforeAll
  static void probe() {
    status = Events.statusProbe();
  }

  @AfterAll
  static void close() {
    status.close();
  }

  @Test
  void repeatedFinishedIsNotPublishedAgain() {
    String copr = Coprs.create(layout(), "repeat", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    BuildStatus.Finished finished =
        FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "once", "1.0");
    Events.publish(finished);
    Events.awaitPublished(status, id);
    long runs = createrepo.runs();

    Events.publish(finished);
    Events.publish(finished);
    afterQueuedWorkOf(copr);

    assertThat(Events.count(status, BuildStatus.Published.class, id)).isEqualTo(1);
    assertThat(Events.count(status, BuildStatus.PublishFailed.class, id)).isZero();
    assertThat(createrepo.runs() - runs).as("only the marker build's run").isEqualTo(1);
    assertThat(
            layout()
                .publishedBuild(copr, Coprs.FEDORA, id, "once")
                .resolve("once-1.0-1.noarch.rpm"))
        .isRegularFile();
  }

  @Test
  void newerAttemptReplacesAndStaleAttemptIsIgnored() {
    String copr = Coprs.create(layout(), "attempts", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    TestRpms.Options first = TestRpms.Options.defaults().release("1");
    TestRpms.Options second = TestRpms.Options.defaults().release("2");
    BuildStatus.Finished attempt1 =
        FinishedBuilds.build(layout(), id, 1, copr, Coprs.FEDORA, "racer", "1.0", first);
    BuildStatus.Finished attempt2 =
        FinishedBuilds.build(layout(), id, 2, copr, Coprs.FEDORA, "racer", "1.0", second);
    BuildStatus.Finished attempt3 =
        FinishedBuilds.build(
            layout(), id, 3, copr, Coprs.FEDORA, "racer", "1.0", first.release("3"));
    Path folder = layout().publishedBuild(copr, Coprs.FEDORA, id, "racer");

    Events.publish(attempt2);
    Events.awaitPublished(status, id, 2);
    assertThat(folder.resolve("racer-1.0-2.noarch.rpm")).isRegularFile();

    Events.publish(attempt1);
    afterQueuedWorkOf(copr);
    assertThat(Events.statuses(status))
        .filteredOn(e -> e.buildId() == id && e.attempt() == 1)
        .as("attempt 1 is stale: neither published nor failed")
        .isEmpty();
    assertThat(folder.resolve("racer-1.0-2.noarch.rpm")).isRegularFile();
    assertThat(folder.resolve("racer-1.0-1.noarch.rpm")).doesNotExist();

    Events.publish(attempt3);
    Events.awaitPublished(status, id, 3);
    assertThat(folder.resolve("racer-1.0-3.noarch.rpm")).isRegularFile();
    assertThat(folder.resolve("racer-1.0-2.noarch.rpm")).doesNotExist();
    assertThat(Dnf.throwaway(url(copr)).available())
        .contains("racer 1.0-3")
        .doesNotContain("racer 1.0-1", "racer 1.0-2");
  }

  @Test
  void olderBuildArrivingLateKeepsTheNewerOne() {
    String copr = Coprs.create(layout(), "late", Coprs.FEDORA);
    long older = FinishedBuilds.nextBuildId();
    long newer = FinishedBuilds.nextBuildId();
    BuildStatus.Finished olderBuild =
        FinishedBuilds.build(layout(), older, copr, Coprs.FEDORA, "tortoise", "1.0");
    BuildStatus.Finished newerBuild =
        FinishedBuilds.build(layout(), newer, copr, Coprs.FEDORA, "tortoise", "2.0");

    Events.publish(newerBuild);
    Events.awaitPublished(status, newer);
    Events.publish(olderBuild);
    Events.awaitPublished(status, older);

    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, newer, "tortoise")).isDirectory();
    assertThat(layout().publishedBuild(copr, Coprs.FEDORA, older, "tortoise")).isDirectory();
    Dnf dnf = Dnf.throwaway(url(copr));
    dnf.check("install", "tortoise");
    assertThat(dnf.runInstalled("tortoise")).isEqualTo("tortoise 2.0");
  }

  /** Publishes one more build in the copr: the writer has handled everything queued before it. */
  private void afterQueuedWorkOf(String copr) {
    long marker = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), marker, copr, Coprs.FEDORA, "marker", "1.0"));
    Events.awaitPublished(status, marker);
  }

  private StorageLayout layout() {
    return config.layout();
  }

  private String url(String copr) {
    return repos + "/" + copr + "/" + Coprs.FEDORA + "/";
  }
}
