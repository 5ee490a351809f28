package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.repo.repository.Createrepo;
import org.copr.testing.Dnf;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** Many builds for one chroot finishing at once share createrepo_c runs and all get published. */
@QuarkusTest
class ConcurrentPublishTest {
  private static final int BUILDS = 12;

  @Inject RepoWorkerConfig config;
  @Inject Createrepo createrepo;

  @TestHTTPResource("/repos")
  URL repos;

  @Test
  void buildsFinishingTogetherAreAllPublishedWithFewerCreaterepoRuns() {
    String copr = Coprs.create(config.layout(), "busy", Coprs.FEDORA);
    List<BuildStatus.Finished> finished = new ArrayList<>();
    for (int i = 0; i < BUILDS; i++) {
      finished.add(
          FinishedBuilds.build(
              config.layout(),
              FinishedBuilds.nextBuildId(),
              copr,
              Coprs.FEDORA,
              "pkg" + i,
              "1." + i));
    }

    try (TopicProbe status = Events.statusProbe()) {
      long runsBefore = createrepo.runs();
      finished.forEach(Events::publish);
      for (BuildStatus.Finished f : finished) {
        Events.awaitPublished(status, f.buildId());
      }
      long runs = createrepo.runs() - runsBefore;
      assertThat(runs).isPositive().isLessThan(BUILDS);
      for (BuildStatus.Finished f : finished) {
        assertThat(Events.count(status, BuildStatus.PublishFailed.class, f.buildId())).isZero();
      }
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < BUILDS; i++) {
      expected.add("pkg" + i + " 1." + i + "-1");
    }
    assertThat(Dnf.throwaway(repos + "/" + copr + "/" + Coprs.FEDORA + "/").available())
        .containsExactlyInAnyOrderElementsOf(expected);
  }
}
