package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** Events that cannot be applied go to the dead-letter topic and change nothing on disk. */
@QuarkusTest
class DeadLetterTest {
  @Inject RepoWorkerConfig config;

  @Test
  void unreadableOrEscapingCoprEventsAreDeadLettered() {
    String escaping =
        EventJson.write(
            new CoprEvent.Created("../../outside", "mallory", List.of("fedora-40-x86_64")));
    String badChroot = EventJson.write(new CoprEvent.ChrootsAdded("fine", List.of("../../etc")));
    try (TopicProbe dlq = new TopicProbe(Events.bootstrap(), Topics.deadLetter(Topics.COPRS))) {
      Events.send(Topics.COPRS, "garbage", "this is not json");
      Events.send(Topics.COPRS, "outside", escaping);
      Events.send(Topics.COPRS, "fine", badChroot);
      assertThat(dlq.awaitDeadLetter("this is not json"::equals, Duration.ofSeconds(60)))
          .contains("not a CoprEvent");
      assertThat(dlq.awaitDeadLetter(escaping::equals, Duration.ofSeconds(60)))
          .contains("bad copr");
      assertThat(dlq.awaitDeadLetter(badChroot::equals, Duration.ofSeconds(60)))
          .contains("bad chroot");
    }
    assertThat(config.layout().root().resolve("outside")).doesNotExist();
    assertThat(config.layout().repos().resolve("fine")).doesNotExist();
    assertThat(Files.exists(config.layout().root().getParent().resolve("outside"))).isFalse();
  }

  @Test
  void publishRequestsThatNameAPathNoHashOrNoAttemptAreDeadLettered() {
    String copr = Coprs.create(config.layout(), "guarded", Coprs.FEDORA);
    String pathAsArtifact =
        EventJson.write(
            new CoprEvent.PublishRequested(
                copr,
                Coprs.FEDORA,
                "thief",
                41,
                1,
                List.of(
                    new BuildStatus.Artifact(
                        "../../srpms/x.src.rpm", "thief", 0, "1", "1", "src", "ab".repeat(32)))));
    String noHash =
        EventJson.write(
            new CoprEvent.PublishRequested(
                copr,
                Coprs.FEDORA,
                "thief",
                41,
                1,
                List.of(
                    new BuildStatus.Artifact(
                        "thief-1-1.noarch.rpm", "thief", 0, "1", "1", "noarch", "AB".repeat(32)))));
    String noAttempt =
        EventJson.write(
            new CoprEvent.PublishRequested(copr, Coprs.FEDORA, "thief", 41, 0, List.of()));
    try (TopicProbe dlq = new TopicProbe(Events.bootstrap(), Topics.deadLetter(Topics.COPRS))) {
      Events.send(Topics.COPRS, copr, pathAsArtifact);
      Events.send(Topics.COPRS, copr, noHash);
      Events.send(Topics.COPRS, copr, noAttempt);
      dlq.awaitRecord(r -> r.value().equals(pathAsArtifact), Duration.ofSeconds(60));
      dlq.awaitRecord(r -> r.value().equals(noHash), Duration.ofSeconds(60));
      dlq.awaitRecord(r -> r.value().equals(noAttempt), Duration.ofSeconds(60));
    }
    assertThat(config.layout().publishedBuild(copr, Coprs.FEDORA, 41, "thief")).doesNotExist();
  }
}
