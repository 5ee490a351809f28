package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.scheduler.build.ScheduledBuild;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * A queued build whose stored request fails the dispatch's own event checks (a row written by an
 * older version, a bench, a hand in the database) fails with the reason, and the builds queued
 * behind it are dispatched: one bad row never stops its arch's queue.
 */
@QuarkusTest
class UnsendableBuildTest extends ServiceTest {
  private static final String ARCH = "unsendarch";

  @Test
  void aBuildThatCannotBeDispatchedFailsWithTheReasonAndTheQueueGoesOn() {
    String chroot = "fedora-40-" + ARCH;
    BuildRequested bad = Kafka.requestOf("dora", chroot);
    BuildRequested unreadable = Kafka.requestOf("dora", chroot);
    try (TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS);
        TopicProbe dispatches = Kafka.dispatches(ARCH)) {
      // Stored ahead of everything else: its SRPM hash is not 64 hex digits; the other's request
      // is not an event at all.
      store(bad, bad.build().srpmSha256(), "00", 2);
      store(unreadable, "{", "not json", 1);
      long good = Kafka.request("dora", chroot);

      try (WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
        awaitDispatch(dispatches, good, 1);

        for (BuildRequested refused : new BuildRequested[] {bad, unreadable}) {
          long id = refused.build().buildId();
          BuildStatus.Failed failed =
              status.awaitEvent(BuildStatus.Failed.class, f -> f.buildId() == id, PATIENCE);
          assertThat(failed.reason()).startsWith("the build cannot be dispatched: ");
          assertThat(build(id).getString("state")).isEqualTo("done");
          assertThat(build(id).getString("outcome")).isEqualTo("failed");
        }
        BuildStatus.Failed badFailed =
            status.awaitEvent(
                BuildStatus.Failed.class, f -> f.buildId() == bad.build().buildId(), PATIENCE);
        assertThat(badFailed.reason()).contains("bad srpm_sha256: 00");
        assertThat(badFailed.attempt()).isZero();
        assertThat(build(good).getString("state")).isEqualTo("dispatched");
        dispatches.drain(java.time.Duration.ZERO);
        assertThat(dispatches.values())
            .noneMatch(v -> v.contains("\"build_id\":" + bad.build().buildId() + ","))
            .noneMatch(v -> v.contains("\"build_id\":" + unreadable.build().buildId() + ","));
      }
    }
  }

  /** The row as the scheduler stores a request, with its text edited, queued hours ago. */
  private static void store(BuildRequested request, String from, String to, int hoursAgo) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Instant then = Instant.now().minus(hoursAgo, ChronoUnit.HOURS);
              ScheduledBuild row = ScheduledBuild.queued(request, then);
              row.request = from.equals("{") ? to : row.request.replace(from, to);
              row.persist();
            });
  }
}
