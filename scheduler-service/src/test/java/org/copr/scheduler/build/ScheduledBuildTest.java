package org.copr.scheduler.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.QueueState;
import org.junit.jupiter.api.Test;

/** The blocking rule of one build, without a database. */
class ScheduledBuildTest {
  private static final String SHA = "cd".repeat(32);
  private static final BuildSpec SPEC =
      new BuildSpec(
          5,
          "hello",
          "alice",
          "hello",
          "fedora-40-x86_64",
          "srpms/" + SHA + ".src.rpm",
          SHA,
          List.of());
  private static final Instant ASKED = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aRequestWithABatchIsBlockedAndOneWithoutIsQueued() {
    ScheduledBuild blocked = ScheduledBuild.queued(new BuildRequested(SPEC, 0, 9L), ASKED);
    assertThat(blocked.state).isEqualTo(QueueState.BLOCKED);
    assertThat(blocked.blockedByBatch).isEqualTo(9L);
    assertThat(blocked.isCurrent(0)).isFalse();

    ScheduledBuild plain = ScheduledBuild.queued(new BuildRequested(SPEC), ASKED);
    assertThat(plain.state).isEqualTo(QueueState.QUEUED);
    assertThat(plain.blockedByBatch).isNull();
  }

  @Test
  void releasedItQueuesFromNowButKeepsItsPlaceAmongItsOwnersBuilds() {
    ScheduledBuild b = ScheduledBuild.queued(new BuildRequested(SPEC, 0, 9L), ASKED);
    Instant later = ASKED.plusSeconds(3600);
    b.release(later);
    assertThat(b.state).isEqualTo(QueueState.QUEUED);
    assertThat(b.queuedAt).isEqualTo(later);
    assertThat(b.requestedAt).isEqualTo(ASKED);
    assertThat(b.attempt).isZero();
    assertThat(b.blockedByBatch).as("kept for the record").isEqualTo(9L);
  }
}
