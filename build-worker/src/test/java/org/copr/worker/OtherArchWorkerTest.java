package org.copr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;
import org.copr.worker.messaging.WorkerGroups;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A worker configured for aarch64 reads only aarch64 dispatches, in a consumer group of its own.
 * (Two workers in one JVM cannot be had here; the end-to-end tests run one per arch side by side.)
 */
@QuarkusTest
@TestProfile(OtherArchWorkerTest.Aarch64.class)
class OtherArchWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  public static class Aarch64 implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("copr.worker.arch", "aarch64");
    }
  }

  @Inject ThisWorker worker;

  @ConfigProperty(name = "mp.messaging.incoming.dispatch.topic")
  String topic;

  @Inject WorkerGroups groups;

  @Test
  void anAarch64WorkerBuildsAarch64DispatchesAndNeverSeesX8664Ones() {
    assertThat(topic).isEqualTo(Topics.workerDispatch(worker.id()));
    assertThat(groups.groupOf("dispatch")).isEqualTo("copr-build-worker-dispatch-" + worker.id());
    long x86 = Dispatches.nextId();
    long arm = Dispatches.nextId();

    try (var status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports());
        var heartbeats = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports())) {
      Dispatches.dispatch(
          worker,
          x86,
          "fedora-40-x86_64",
          "intel-" + x86,
          TestRpms.spec("intel-" + x86, "1", TestRpms.Options.defaults()),
          0);
      Dispatches.dispatch(
          worker,
          arm,
          "fedora-40-aarch64",
          "arm-" + arm,
          TestRpms.spec("arm-" + arm, "1", TestRpms.Options.defaults()),
          0);

      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == arm, WAIT);
      assertThat(finished.success()).as(finished.logTail()).isTrue();
      assertThat(finished.workerId()).isEqualTo(worker.id());
      assertThat(status.values()).noneMatch(v -> v.contains("\"build_id\":" + x86 + ","));
      // The topic also holds the heartbeats of this worker's earlier runs in this JVM.
      assertThat(
              heartbeats
                  .awaitEvent(
                      WorkerHeartbeat.class,
                      h -> h.incarnation().equals(worker.incarnation()),
                      WAIT)
                  .arch())
          .isEqualTo("aarch64");
    }
  }
}
