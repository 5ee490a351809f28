package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.copr.scheduler.queue.FairChoice;
import org.copr.scheduler.queue.FairChoice.Candidate;
import org.junit.jupiter.api.Test;

class FairChoiceTest {
  private static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

  private static Candidate build(long id, String owner, int secondsAfterT0) {
    return new Candidate(id, owner, T0.plusSeconds(secondsAfterT0));
  }

  /** Dispatches everything the way the scheduler does, one choice at a time. */
  private static List<Long> dispatchOrder(List<Candidate> queue, String lastOwner) {
    List<Candidate> queued = new ArrayList<>(queue);
    List<Long> order = new ArrayList<>();
    String last = lastOwner;
    while (!queued.isEmpty()) {
      Candidate next = FairChoice.next(queued, last).orElseThrow();
      queued.remove(next);
      order.add(next.buildId());
      last = next.owner();
    }
    return order;
  }

  @Test
  void ownersTakeTurnsAndEachOwnersOldestBuildGoesFirst() {
    List<Candidate> queue =
        List.of(
            build(1, "alice", 0),
            build(2, "alice", 1),
            build(3, "alice", 2),
            build(4, "alice", 3),
            build(7, "carol", 30),
            build(6, "bob", 20),
            build(5, "bob", 10));

    assertThat(dispatchOrder(queue, null)).containsExactly(1L, 5L, 7L, 2L, 6L, 3L, 4L);
  }

  @Test
  void theTurnContinuesAfterTheOwnerServedLast() {
    List<Candidate> queue = List.of(build(1, "alice", 0), build(2, "bob", 1), build(3, "carol", 2));

    assertThat(FairChoice.next(queue, "alice").orElseThrow().buildId()).isEqualTo(2L);
    assertThat(FairChoice.next(queue, "bob").orElseThrow().buildId()).isEqualTo(3L);
    assertThat(FairChoice.next(queue, "carol").orElseThrow().buildId()).isEqualTo(1L);
  }

  @Test
  void anOwnerWithNothingQueuedAnyMoreStillMarksThePlaceInTheTurn() {
    List<Candidate> queue = List.of(build(1, "alice", 0), build(2, "carol", 1));

    assertThat(FairChoice.next(queue, "bob").orElseThrow().owner()).isEqualTo("carol");
    assertThat(FairChoice.next(queue, "dave").orElseThrow().owner()).isEqualTo("alice");
  }

  @Test
  void aNewOwnerWaitsAtMostOneRoundBehindAFloodingOne() {
    List<Candidate> queue = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      queue.add(build(i, "flood", i));
    }
    queue.add(build(1000, "one", 600));

    assertThat(dispatchOrder(queue, "flood").indexOf(1000L)).isZero();
    assertThat(dispatchOrder(queue, "a").indexOf(1000L)).isEqualTo(1);
  }

  @Test
  void sameTimeIsBrokenByBuildId() {
    List<Candidate> queue = List.of(build(9, "alice", 0), build(8, "alice", 0));

    assertThat(FairChoice.next(queue, null).orElseThrow().buildId()).isEqualTo(8L);
  }

  @Test
  void anEmptyQueueHasNoNextBuild() {
    assertThat(FairChoice.next(List.of(), "alice")).isEmpty();
  }
}
