package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The start and build timeouts as configured (2m, 5h), on arches of this class's own (the
 * application is the other tests' too): the test moves the scheduler's clock past them instead of
 * waiting. Moving it past the worker timeout looks to the scheduler like a silence of every worker,
 * so it judges again only after a whole worker timeout of heartbeats: the stand-in worker, which
 * keeps sending them, is never taken for lost.
 */
@QuarkusTest
class TimeoutsTest extends ServiceTest {
  private static final Duration A_MOMENT = Duration.ofSeconds(1);

  @Inject SchedulerConfig config;

  @Test
  void aDispatchNoWorkerStartsIsTakenBackAndDispatchedAgain() {
    try (TopicProbe dispatches = Kafka.dispatches("startarch");
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn("startarch", 1)) {
      long id = Kafka.request("lena", "fedora-40-startarch");
      awaitDispatch(dispatches, id, 1);

      SchedulerClock.CLOCK.advance(config.startTimeout().plus(A_MOMENT));

      BuildControl.StopAttempt cancel =
          control.awaitEvent(
              BuildControl.StopAttempt.class, c -> c.buildId() == id && c.attempt() == 1, PATIENCE);
      assertThat(cancel.reason()).isEqualTo("not started within 2m (worker " + worker.id + ")");
      awaitDispatch(dispatches, id, 2);
    }
  }

  @Test
  void aBuildPastItsTimeoutIsTakenFromItsWorkerAndDispatchedAgain() {
    try (TopicProbe dispatches = Kafka.dispatches("overrunarch");
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn("overrunarch", 1)) {
      long id = Kafka.request("mona", "fedora-40-overrunarch");
      worker.started(awaitDispatch(dispatches, id, 1));
      awaitBuild(id, state("running", 1));

      // the scheduler allows one worker timeout more, for the worker's own report of the timeout
      SchedulerClock.CLOCK.advance(
          config.buildTimeout().plus(config.workerTimeout()).plus(A_MOMENT));

      BuildControl.StopAttempt cancel =
          control.awaitEvent(
              BuildControl.StopAttempt.class, c -> c.buildId() == id && c.attempt() == 1, PATIENCE);
      assertThat(cancel.reason())
          .isEqualTo("ran longer than the build timeout of 5h (worker " + worker.id + ")");
      awaitDispatch(dispatches, id, 2);
    }
  }

  @Test
  void aBuildWithATimeoutOfItsOwnGetsItInItsDispatchAndIsTakenBackPastIt() {
    try (TopicProbe dispatches = Kafka.dispatches("owntimearch");
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn("owntimearch", 2)) {
      long own = Kafka.request("nina", "fedora-40-owntimearch", 600);
      long configured = Kafka.request("nina", "fedora-41-owntimearch");
      BuildDispatch first = awaitDispatch(dispatches, own, 1);
      BuildDispatch other = awaitDispatch(dispatches, configured, 1);
      assertThat(first.timeoutSeconds()).isEqualTo(600);
      assertThat(other.timeoutSeconds()).isEqualTo(config.buildTimeout().toSeconds());
      worker.started(first);
      worker.started(other);
      awaitBuild(own, state("running", 1));
      awaitBuild(configured, state("running", 1));

      // past 10 minutes and the worker timeout, far below the configured 5h
      SchedulerClock.CLOCK.advance(
          Duration.ofMinutes(10).plus(config.workerTimeout()).plus(A_MOMENT));

      BuildControl.StopAttempt cancel =
          control.awaitEvent(
              BuildControl.StopAttempt.class,
              c -> c.buildId() == own && c.attempt() == 1,
              PATIENCE);
      assertThat(cancel.reason())
          .isEqualTo("ran longer than the build timeout of 10m (worker " + worker.id + ")");
      assertThat(awaitDispatch(dispatches, own, 2).timeoutSeconds()).isEqualTo(600);
    }
  }
}
