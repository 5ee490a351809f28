package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LivenessTest extends ServiceTest {
  private static final String ARCH = "killarch";
  private static final String CHROOT = "fedora-41-" + ARCH;

  @Test
  void aKilledWorkersBuildIsRequeuedAndAttemptOnesLateEventsChangeNothing() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn one = new WorkerStandIn(ARCH, 1);
        WorkerStandIn other = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("dave", CHROOT);
      BuildDispatch attempt1 = awaitDispatch(dispatches, id, 1);
      WorkerStandIn first = WorkerStandIn.addressee(attempt1, one, other);
      WorkerStandIn second = first == one ? other : one;
      first.started(attempt1);
      awaitBuild(id, state("running", 1));

      first.kill();

      control.awaitEvent(
          BuildControl.StopAttempt.class, c -> c.buildId() == id && c.attempt() == 1, PATIENCE);
      BuildDispatch attempt2 = awaitDispatch(dispatches, id, 2);
      assertThat(attempt2.build()).isEqualTo(attempt1.build());
      second.started(attempt2);
      awaitBuild(id, state("running", 2));

      // The cut-off worker comes back and reports attempt 1; then the second worker finishes.
      // Whatever order the scheduler reads the two workers' topics in, attempt 1 is stale.
      first.started(id, 1);
      first.finished(id, 1, false);
      second.finished(id, 2, true);

      JsonPath done = awaitBuild(id, state("done", 2));
      assertThat(done.getString("outcome")).isEqualTo("succeeded");
      assertThat(done.getString("worker_id")).isEqualTo(second.id);
    }
  }

  @Test
  void aBuildWhoseWorkersKeepDyingFailsAfterMaxAttempts() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS);
        WorkerStandIn idle = new WorkerStandIn(ARCH, 0)) {
      long id = Kafka.request("erin", CHROOT);
      for (int attempt = 1; attempt <= 3; attempt++) {
        WorkerStandIn doomed = new WorkerStandIn(ARCH, 1);
        doomed.started(awaitDispatch(dispatches, id, attempt));
        awaitBuild(id, state("running", attempt));
        doomed.kill();
      }

      BuildStatus.Failed failed =
          status.awaitEvent(BuildStatus.Failed.class, f -> f.buildId() == id, PATIENCE);
      assertThat(failed.attempt()).isEqualTo(3);
      assertThat(failed.reason()).contains("worker lost").contains("gave up after 3 attempts");
      assertThat(awaitBuild(id, state("done", 3)).getString("outcome")).isEqualTo("failed");
    }
  }
}
