package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.EventJson;
import org.copr.scheduler.queue.FairChoice;
import org.copr.scheduler.queue.FairChoice.Candidate;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * Many owners' builds queued at once, then slots for all of them: the real database's answers, in
 * batches, give exactly the order of the fairness rule, owners compared as Java compares names.
 */
@QuarkusTest
class CrowdedQueueTest extends ServiceTest {
  private static final String ARCH = "crowdarch";
  private static final String CHROOT = "fedora-41-" + ARCH;
  private static final List<String> OWNERS =
      List.of("zoe", "Zed", "amy", "Bob", "bob", "a_b", "amy2", "a-b", "mass", "a.b9");

  @Test
  void manyOwnersBuildsAreDispatchedInTheFairOrder() {
    List<Candidate> queued = new ArrayList<>();
    Instant t = Instant.EPOCH;
    // "mass" floods the queue; the others have a few each, requested in between.
    for (int round = 0; round < 120; round++) {
      for (String owner : OWNERS) {
        if (owner.equals("mass") || round < 3) {
          queued.add(new Candidate(Kafka.request(owner, CHROOT), owner, t = t.plusSeconds(1)));
        }
      }
    }
    await()
        .atMost(PATIENCE)
        .until(() -> ((Number) queueOf(ARCH).get("queued")).intValue() == queued.size());

    List<Long> expected = new ArrayList<>();
    List<Candidate> left = new ArrayList<>(queued);
    String last = null;
    while (!left.isEmpty()) {
      Candidate next = FairChoice.next(left, last).orElseThrow();
      expected.add(next.buildId());
      left.remove(next);
      last = next.owner();
    }

    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        WorkerStandIn worker = new WorkerStandIn(ARCH, queued.size())) {
      await()
          .atMost(PATIENCE)
          .until(() -> dispatches.drain(Duration.ofMillis(200)).size() >= queued.size());
      List<Long> order =
          dispatches.values().stream()
              .map(v -> EventJson.read(v, BuildDispatch.class).build().buildId())
              .toList();
      assertThat(order).containsExactlyElementsOf(expected);
      for (long id : order) {
        worker.started(id, 1);
        worker.finished(id, 1, true);
      }
    }
  }
}
