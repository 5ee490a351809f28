package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.copr.contracts.BuildControl;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** The scheduler with short start and build timeouts (a separate application start). */
@QuarkusTest
@TestProfile(ShortTimeouts.class)
class TimeoutsTest extends ServiceTest {

  @Test
  void aDispatchNoWorkerStartsIsTakenBackAndDispatchedAgain() {
    try (TopicProbe dispatches = Kafka.dispatches("aarch64");
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn("aarch64", 1)) {
      long id = Kafka.request("lena", "fedora-40-aarch64");
      awaitDispatch(dispatches, id, 1);

      BuildControl.StopAttempt cancel =
          control.awaitEvent(
              BuildControl.StopAttempt.class, c -> c.buildId() == id && c.attempt() == 1, PATIENCE);
      assertThat(cancel.reason()).isEqualTo("not started within 15s (worker " + worker.id + ")");
      awaitDispatch(dispatches, id, 2);
    }
  }

  @Test
  void aBuildPastItsTimeoutIsTakenFromItsWorkerAndDispatchedAgain() {
    try (TopicProbe dispatches = Kafka.dispatches("x86_64");
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn("x86_64", 1)) {
      long id = Kafka.request("mona", "fedora-40-x86_64");
      // Not awaiting "running": it lasts only build timeout + worker timeout by design.
      worker.started(awaitDispatch(dispatches, id, 1));

      BuildControl.StopAttempt cancel =
          control.awaitEvent(
              BuildControl.StopAttempt.class, c -> c.buildId() == id && c.attempt() == 1, PATIENCE);
      assertThat(cancel.reason())
          .isEqualTo("ran longer than the build timeout of 4s (worker " + worker.id + ")");
      awaitDispatch(dispatches, id, 2);
    }
  }
}
