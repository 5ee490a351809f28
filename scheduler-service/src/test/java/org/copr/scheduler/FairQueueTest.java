package org.copr.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.copr.contracts.BuildDispatch;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FairQueueTest extends ServiceTest {
  private static final String ARCH = "fairarch";
  private static final String CHROOT = "fedora-40-" + ARCH;

  @Test
  void twoOwnersQueuesInterleaveEachOldestFirst() {
    List<Long> alice = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      alice.add(Kafka.request("alice", CHROOT));
    }
    List<Long> bob = List.of(Kafka.request("bob", CHROOT), Kafka.request("bob", CHROOT));

    await()
        .atMost(PATIENCE)
        .until(() -> queueOf(ARCH), q -> ((Number) q.get("queued")).intValue() == 6);
    Map<String, Object> queue = queueOf(ARCH);
    assertThat(queue.get("owners")).isEqualTo(Map.of("alice", 4, "bob", 2));
    assertThat(queue.get("free_slots")).isEqualTo(0);
    assertThat(queue.get("live_workers")).isEqualTo(0);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                given()
                    .get("/q/metrics")
                    .then()
                    .body(
                        containsString("copr_scheduler_queue_length{arch=\"" + ARCH + "\"} 6.0")));

    List<Long> order = new ArrayList<>();
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
      while (order.size() < 6) {
        BuildDispatch next =
            dispatches.awaitEvent(
                BuildDispatch.class, d -> !order.contains(d.build().buildId()), PATIENCE);
        order.add(next.build().buildId());
        worker.started(next);
        worker.finished(next.build().buildId(), next.attempt(), true);
      }
    }

    assertThat(order)
        .containsExactly(
            alice.get(0), bob.get(0), alice.get(1), bob.get(1), alice.get(2), alice.get(3));
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("copr_scheduler_dispatched_total{arch=\"" + ARCH + "\"} 6.0"))
        .body(containsString("copr_scheduler_wait_seconds_count{arch=\"" + ARCH + "\"} 6"));
  }
}
