package org.copr.scheduler.queue;

import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The free slots of one arch's workers, read (and the workers locked) once per dispatch batch and
 * spent during it: each build goes to the worker with the most free slots, ties by worker id.
 */
final class FreeSlots {

  /** A live, non-draining worker as the batch sees it. */
  record Free(String workerId, String incarnation, int free) {}

  private final PriorityQueue<Free> workers =
      new PriorityQueue<>(
          Comparator.comparingInt(Free::free).reversed().thenComparing(Free::workerId));

  FreeSlots(Iterable<Free> free) {
    free.forEach(
        f -> {
          if (f.free() > 0) {
            workers.add(f);
          }
        });
  }

  boolean any() {
    return !workers.isEmpty();
  }

  /** Takes a slot of the freest worker. */
  Optional<Free> take() {
    Free freest = workers.poll();
    if (freest == null) {
      return Optional.empty();
    }
    if (freest.free() > 1) {
      workers.add(new Free(freest.workerId(), freest.incarnation(), freest.free() - 1));
    }
    return Optional.of(freest);
  }
}
