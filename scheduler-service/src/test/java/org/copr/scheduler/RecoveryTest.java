package org.copr.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The scheduler, not Kafka, recovers attempts: it takes back what a worker restarted under the same
 * id, or stopped listing, held; it chooses the worker of every dispatch; and a worker's word about
 * an attempt that is not its own changes nothing but that worker's being told to stop.
 */
@QuarkusTest
class RecoveryTest extends ServiceTest {
  private static final String ARCH = "recoverarch";
  private static final String CHROOT = "fedora-41-" + ARCH;

  @Test
  void aWorkerBackUnderTheSameIdAsANewProcessLosesItsAttemptToTheQueue() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("ivan", CHROOT);
      worker.started(awaitDispatch(dispatches, id, 1));
      awaitBuild(id, state("running", 1));

      worker.kill();
      worker.restart();

      // Its heartbeats never stopped being fresh: only the new incarnation can tell the crash.
      BuildControl.StopAttempt cancel =
          control.awaitEvent(
              BuildControl.StopAttempt.class, c -> c.buildId() == id && c.attempt() == 1, PATIENCE);
      assertThat(cancel.reason()).isEqualTo("worker " + worker.id + " restarted");
      BuildDispatch attempt2 = awaitDispatch(dispatches, id, 2);
      worker.started(attempt2);
      worker.finished(id, 2, true);
      assertThat(awaitBuild(id, state("done", 2)).getString("outcome")).isEqualTo("succeeded");
    }
  }

  @Test
  void anAttemptItsWorkerStopsListingIsRequeued() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("judy", CHROOT);
      worker.started(awaitDispatch(dispatches, id, 1));
      awaitBuild(id, state("running", 1));

      worker.forget(id, 1);

      BuildControl.StopAttempt cancel =
          control.awaitEvent(
              BuildControl.StopAttempt.class, c -> c.buildId() == id && c.attempt() == 1, PATIENCE);
      assertThat(cancel.reason()).isEqualTo("worker " + worker.id + " no longer runs it");
      worker.started(awaitDispatch(dispatches, id, 2));
      worker.finished(id, 2, true);
      awaitBuild(id, state("done", 2));
    }
  }

  @Test
  void anAttemptListedAsEndedWaitsForItsEndAndIsNotTakenForLost() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("kim", CHROOT);
      worker.started(awaitDispatch(dispatches, id, 1));
      Instant startedAt =
          Instant.parse(awaitBuild(id, state("running", 1)).getString("started_at"));

      worker.endedUnreported(id, 1);
      // Heartbeats that list it only as ended arrive for well past the grace (3s in tests) ...
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  Instant.parse(
                          given()
                              .get("/queue/workers/{id}", worker.id)
                              .then()
                              .extract()
                              .jsonPath()
                              .getString("last_seen"))
                      .isAfter(startedAt.plusSeconds(6)));
      // ... and the build is still the worker's, until its end arrives.
      assertThat(build(id).getString("state")).isEqualTo("running");
      worker.finished(id, 1, true);
      assertThat(awaitBuild(id, state("done", 1)).getString("outcome")).isEqualTo("succeeded");
    }
  }

  @Test
  void aWorkerThatRunsAnotherWorkersAttemptIsToldToStopAndChangesNothing() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe control = Kafka.probe(Topics.BUILDS_CONTROL);
        WorkerStandIn one = new WorkerStandIn(ARCH, 1);
        WorkerStandIn other = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("leo", CHROOT);
      BuildDispatch dispatch = awaitDispatch(dispatches, id, 1);
      WorkerStandIn addressee = WorkerStandIn.addressee(dispatch, one, other);
      WorkerStandIn stray = addressee == one ? other : one;

      // As a worker would that built a dispatch Kafka delivered to it by mistake.
      stray.started(id, 1);
      control.awaitEvent(
          BuildControl.StopAttempt.class,
          c -> c.buildId() == id && c.attempt() == 1 && c.reason().equals("stale attempt"),
          PATIENCE);
      stray.finished(id, 1, true);
      // The stray worker's next build, whose start is read after its events about this one.
      long marker = Kafka.request("leo", CHROOT);
      stray.started(awaitDispatch(dispatches, marker, 1));
      awaitBuild(marker, state("running", 1));

      assertThat(build(id).getString("state")).isEqualTo("dispatched");
      assertThat(build(id).getString("worker_id")).isEqualTo(addressee.id);
      addressee.started(dispatch);
      addressee.finished(id, 1, true);
      assertThat(awaitBuild(id, state("done", 1)).getString("worker_id")).isEqualTo(addressee.id);
      stray.finished(marker, 1, true);
    }
  }

  @Test
  void aQueuedBuildGoesToTheWorkerWithAFreeSlotWhileAnotherIsBusyOrCrashed() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        WorkerStandIn one = new WorkerStandIn(ARCH, 1);
        WorkerStandIn other = new WorkerStandIn(ARCH, 1)) {
      long first = Kafka.request("mia", CHROOT);
      BuildDispatch dispatch = awaitDispatch(dispatches, first, 1);
      WorkerStandIn busy = WorkerStandIn.addressee(dispatch, one, other);
      WorkerStandIn free = busy == one ? other : one;
      busy.started(dispatch);
      awaitBuild(first, state("running", 1));
      busy.kill();

      long second = Kafka.request("mia", CHROOT);

      // Before the crashed worker's heartbeats are missed, the free one has the build.
      BuildDispatch next = awaitDispatch(dispatches, second, 1);
      assertThat(next.workerId()).isEqualTo(free.id);
      free.started(next);
      free.finished(second, 1, true);
      BuildDispatch again = awaitDispatch(dispatches, first, 2);
      List<BuildDispatch> order =
          dispatches.values().stream().map(v -> EventJson.read(v, BuildDispatch.class)).toList();
      assertThat(order.indexOf(next)).isLessThan(order.indexOf(again));
      free.started(again);
      free.finished(first, 2, true);
      awaitBuild(first, state("done", 2));
    }
  }
}
