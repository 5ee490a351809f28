package org.copr.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.attempt.BuildSlots;
import org.copr.worker.config.ThisWorker;
import org.copr.worker.messaging.WorkerGroups;
import org.junit.jupiter.api.Test;

/**
 * What shutdown does before Quarkus stops (Shutdown observes it and calls the same drain): the
 * worker says it drains, takes nothing new, and lets its running build end and report.
 */
@QuarkusTest
@TestProfile(DrainTest.OneSlot.class)
class DrainTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  public static class OneSlot implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("copr.worker.slots", "1");
    }
  }

  @Inject ThisWorker worker;
  @Inject BuildSlots builds;
  @Inject WorkerGroups groups;

  @Test
  void aDrainingWorkerSaysSoFinishesItsRunningBuildAndTakesNoNewOne() throws Exception {
    long running = Dispatches.nextId();
    long later = Dispatches.nextId();
    try (var status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports());
        var heartbeats = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports())) {
      Dispatches.dispatch(
          worker,
          running,
          "fedora-40-x86_64",
          "last-" + running,
          Dispatches.sleepingSpec("last-" + running, 8),
          0);
      status.awaitEvent(BuildStatus.Started.class, e -> e.buildId() == running, WAIT);

      CompletableFuture<Void> drained =
          CompletableFuture.runAsync(
              () -> {
                try {
                  builds.drain(Duration.ofSeconds(100));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      await().atMost(WAIT).until(builds::draining);
      long laterOffset =
          Dispatches.send(
              Dispatches.to(
                  worker,
                  Dispatches.spec(
                      worker.storage(),
                      later,
                      "fedora-40-x86_64",
                      "late-" + later,
                      TestRpms.srpm(
                          worker.storage().srpms().resolve(Long.toString(later)),
                          "late-" + later,
                          "1",
                          TestRpms.Options.defaults()),
                      List.of()),
                  1,
                  0));

      var beat =
          heartbeats.awaitEvent(
              WorkerHeartbeat.class,
              // not an earlier run's last heartbeat: the topic keeps those
              h -> h.incarnation().equals(worker.incarnation()) && h.draining(),
              WAIT);
      assertThat(beat.running()).contains(new WorkerHeartbeat.Attempt(running, 1));
      given().get("/q/health/ready").then().statusCode(503);

      var finished =
          status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == running, WAIT);
      assertThat(finished.success()).isTrue();
      drained.get();
      assertThat(builds.running()).isEmpty();
      Dispatches.awaitHandled(groups.groupOf("dispatch"), worker.id(), laterOffset);
      assertThat(builds.running()).isEmpty();
      status.drain(Duration.ZERO);
      assertThat(status.values()).noneMatch(v -> v.contains("\"build_id\":" + later + ","));
    }
  }
}
