package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArchRoutingTest extends ServiceTest {

  @Test
  void eachArchsBuildsGoToItsOwnDispatchTopic() {
    try (TopicProbe x86 = Kafka.dispatches("x86_64");
        TopicProbe arm = Kafka.dispatches("aarch64");
        TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS);
        WorkerStandIn x86Worker = new WorkerStandIn("x86_64", 2);
        WorkerStandIn armWorker = new WorkerStandIn("aarch64", 2)) {
      long x86Build = Kafka.request("judy", "fedora-40-x86_64");
      long armBuild = Kafka.request("judy", "fedora-40-aarch64");

      assertThat(awaitDispatch(x86, x86Build, 1).build().chroot()).isEqualTo("fedora-40-x86_64");
      assertThat(awaitDispatch(arm, armBuild, 1).build().chroot()).isEqualTo("fedora-40-aarch64");
      BuildStatus.Dispatched announced =
          status.awaitEvent(BuildStatus.Dispatched.class, d -> d.buildId() == armBuild, PATIENCE);
      assertThat(announced.arch()).isEqualTo("aarch64");

      assertThat(buildIds(x86)).contains(x86Build).doesNotContain(armBuild);
      assertThat(buildIds(arm)).contains(armBuild).doesNotContain(x86Build);
    }
  }

  @Test
  void aBuildForAnArchWithoutWorkersFailsWithAReason() {
    try (TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS)) {
      long id = Kafka.request("judy", "fedora-40-riscv64");

      BuildStatus.Failed failed =
          status.awaitEvent(BuildStatus.Failed.class, f -> f.buildId() == id, PATIENCE);
      assertThat(failed.reason()).isEqualTo("no build workers for arch riscv64");
      assertThat(awaitBuild(id, state("done", 0)).getString("outcome")).isEqualTo("failed");
    }
  }

  private static java.util.List<Long> buildIds(TopicProbe dispatches) {
    return dispatches.drain(Duration.ZERO).stream()
        .map(r -> EventJson.read(r.value(), BuildDispatch.class).build().buildId())
        .toList();
  }
}
