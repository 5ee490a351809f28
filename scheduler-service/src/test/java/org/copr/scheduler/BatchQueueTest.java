package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildReleased;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * Builds api-service requests after a batch that has not ended: held as {@code blocked} with free
 * slots beside them, dispatched once released, canceled while blocked like a queued build.
 */
@QuarkusTest
class BatchQueueTest extends ServiceTest {
  private static final String ARCH = "batcharch";
  private static final String CHROOT = "fedora-40-" + ARCH;

  private static long requestBlocked(String owner, long batch) {
    BuildRequested plain = Kafka.requestOf(owner, CHROOT);
    BuildRequested blocked = new BuildRequested(plain.build(), 0, batch);
    Kafka.send(Topics.BUILDS_REQUESTED, plain.buildId(), blocked);
    return plain.buildId();
  }

  private static void release(long buildId, long batch) {
    Kafka.send(Topics.BUILDS_REQUESTED, buildId, new BuildReleased(buildId, batch));
  }

  @Test
  void aBlockedBuildIsNeverDispatchedUntilReleasedThenGoesOutFirst() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 2)) {
      long blocked = requestBlocked("erin", 71);
      awaitBuild(blocked, state("blocked", 0));
      assertThat(build(blocked).getLong("blocked_by_batch")).isEqualTo(71);

      // queued after the blocked one was recorded: the dispatcher passes over it with a slot free
      long later = Kafka.request("erin", CHROOT);
      awaitDispatch(dispatches, later, 1);
      awaitBuild(later, state("dispatched", 1));
      assertThat(build(blocked).getString("state")).isEqualTo("blocked");
      assertThat(queueOf(ARCH))
          .containsEntry("blocked", 1)
          .containsEntry("queued", 0)
          .containsEntry("free_slots", 1);

      release(blocked, 71);
      BuildDispatch sent = awaitDispatch(dispatches, blocked, 1);
      assertThat(sent.workerId()).isEqualTo(worker.id);
      awaitBuild(blocked, state("dispatched", 1));
      assertThat(queueOf(ARCH)).containsEntry("blocked", 0);

      // a repeated release, or a repeated request, changes nothing
      release(blocked, 71);
      Kafka.send(Topics.BUILDS_REQUESTED, blocked, new BuildRequested(Kafka.spec(blocked), 0, 71L));
      long marker = Kafka.request("erin", CHROOT);
      awaitBuild(marker, state("queued", 0));
      assertThat(build(blocked).getString("state")).isEqualTo("dispatched");
      assertThat(
              dispatches.drain(Duration.ZERO).stream()
                  .map(r -> EventJson.read(r.value(), BuildDispatch.class))
                  .filter(d -> d.build().buildId() == blocked))
          .hasSize(1);
    }
  }

  @Test
  void aBlockedBuildCanceledEndsAndItsLateReleaseChangesNothing() {
    try (TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS)) {
      long blocked = requestBlocked("fay", 72);
      awaitBuild(blocked, state("blocked", 0));

      Kafka.cancel(blocked);
      assertThat(awaitBuild(blocked, state("done", 0)).getString("outcome")).isEqualTo("canceled");
      status.awaitEvent(BuildStatus.Canceled.class, c -> c.buildId() == blocked, PATIENCE);

      // the release comes late (api-service released it before it saw the cancel): nothing moves
      release(blocked, 72);
      long marker = requestBlocked("fay", 73);
      awaitBuild(marker, state("blocked", 0));
      assertThat(build(blocked).getString("state")).isEqualTo("done");
      assertThat(build(blocked).getString("outcome")).isEqualTo("canceled");
      assertThat(build(blocked).getInt("attempt")).isZero();
    }
  }
}
