package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CancelTest extends ServiceTest {
  private static final String ARCH = "cancelarch";

  @Test
  void aQueuedBuildIsDroppedAndReportedCanceledAndARepeatedRequestDoesNotBringItBack() {
    try (TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS)) {
      BuildRequested request = Kafka.requestOf("frank", "fedora-40-lonearch");
      long id = request.build().buildId();
      Kafka.send(Topics.BUILDS_REQUESTED, id, request);
      awaitBuild(id, state("queued", 0));
      await()
          .atMost(PATIENCE)
          .until(
              () -> queueOf("lonearch"),
              q -> ((Number) q.get("oldest_wait_seconds")).intValue() >= 1);

      Kafka.cancel(id);

      BuildStatus.Canceled canceled =
          status.awaitEvent(BuildStatus.Canceled.class, c -> c.buildId() == id, PATIENCE);
      assertThat(canceled.reason()).isEqualTo("canceled by its owner");
      assertThat(awaitBuild(id, state("done", 0)).getString("outcome")).isEqualTo("canceled");

      // api-service's outbox may deliver the request again; a later request, sent with the same
      // key so that it is read after the repeat, shows the repeat has been read.
      Kafka.send(Topics.BUILDS_REQUESTED, id, request);
      BuildRequested later = Kafka.requestOf("frank", "fedora-40-lonearch");
      Kafka.send(Topics.BUILDS_REQUESTED, id, later);
      awaitBuild(later.build().buildId(), state("queued", 0));
      assertThat(build(id).getString("state")).isEqualTo("done");
      assertThat(build(id).getString("outcome")).isEqualTo("canceled");
    }
  }

  @Test
  void aRunningBuildIsCanceledByItsWorkerAndItsSlotFreed() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("grace", "fedora-40-" + ARCH);
      worker.started(awaitDispatch(dispatches, id, 1));
      awaitBuild(id, state("running", 1));
      long next = Kafka.request("grace", "fedora-40-" + ARCH);

      Kafka.cancel(id);

      // The worker reads the user's cancel on the control topic, kills the build and says so.
      control.awaitEvent(BuildControl.Cancel.class, c -> c.buildId() == id, PATIENCE);
      worker.canceled(id, 1);
      assertThat(awaitBuild(id, state("done", 1)).getString("outcome")).isEqualTo("canceled");
      BuildDispatch freed = awaitDispatch(dispatches, next, 1);
      worker.started(freed);
      worker.finished(next, 1, true);
    }
  }

  @Test
  void aCanceledBuildWhoseWorkerNeverAnswersEndsCanceledAndIsNotRequeued() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS);
        WorkerStandIn idle = new WorkerStandIn(ARCH, 0);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("heidi", "fedora-40-" + ARCH);
      worker.started(awaitDispatch(dispatches, id, 1));
      awaitBuild(id, state("running", 1));

      Kafka.cancel(id);
      worker.kill();

      BuildStatus.Canceled canceled =
          status.awaitEvent(BuildStatus.Canceled.class, c -> c.buildId() == id, PATIENCE);
      assertThat(canceled.attempt()).isEqualTo(1);
      assertThat(awaitBuild(id, state("done", 1)).getString("outcome")).isEqualTo("canceled");
    }
  }
}
