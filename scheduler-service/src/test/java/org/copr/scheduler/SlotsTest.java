package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.copr.contracts.BuildDispatch;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SlotsTest extends ServiceTest {
  private static final String ARCH = "slotarch";

  @Test
  void noMoreBuildsAreDispatchedThanTheArchHasFreeSlots() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 2)) {
      List<Long> ids =
          LongStream.range(0, 5).mapToObj(i -> Kafka.request("carol", "epel-9-" + ARCH)).toList();

      await()
          .atMost(PATIENCE)
          .until(
              () -> queueOf(ARCH), q -> q.get("dispatched").equals(2) && q.get("queued").equals(3));
      assertThat(queueOf(ARCH)).containsEntry("free_slots", 0).containsEntry("live_workers", 1);
      List<BuildDispatch> sent = dispatched(dispatches, ids, 2);
      assertThat(sent).extracting(d -> d.build().buildId()).containsExactly(ids.get(0), ids.get(1));

      worker.started(sent.get(0));
      worker.finished(ids.get(0), 1, true);
      awaitDispatch(dispatches, ids.get(2), 1);
      await()
          .atMost(PATIENCE)
          .until(
              () -> queueOf(ARCH), q -> q.get("queued").equals(2) && q.get("free_slots").equals(0));
      assertThat(dispatched(dispatches, ids, 3)).hasSize(3);

      worker.drain();
      await().atMost(PATIENCE).until(() -> queueOf(ARCH).get("draining_workers").equals(1));
      worker.started(sent.get(1));
      worker.finished(ids.get(1), 1, true);
      awaitBuild(ids.get(1), b -> "done".equals(b.getString("state")));
      assertThat(queueOf(ARCH)).containsEntry("free_slots", 0);
      assertThat(dispatched(dispatches, ids, 3)).hasSize(3);
    }
  }

  /**
   * The dispatches of these builds, once at least {@code expected} arrived. That no more were made
   * is the scheduler's own word (its queue's counts, asserted beside): a dispatch is written in the
   * transaction that moves its build, so there is none without the state change.
   */
  private static List<BuildDispatch> dispatched(
      TopicProbe dispatches, List<Long> ids, int expected) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> {
              dispatches.drain(Duration.ZERO);
              return dispatches.values().stream()
                  .map(v -> org.copr.contracts.EventJson.read(v, BuildDispatch.class))
                  .filter(d -> ids.contains(d.build().buildId()))
                  .toList();
            },
            seen -> seen.size() >= expected);
  }
}
