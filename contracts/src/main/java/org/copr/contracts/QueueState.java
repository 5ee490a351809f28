package org.copr.contracts;

import java.util.Locale;

/**
 * Where a build is in scheduler-service's queue (its {@code GET /queue/builds/{id}} shows it in
 * lower case): a coarser thing than the API's {@link org.copr.contracts.rest.BuildState}, which
 * {@link BuildLifecycle} relates it to. How a {@code DONE} build ended is a {@code BuildState} as
 * well.
 */
public enum QueueState {
  /**
   * Waiting for the end of the batch it was requested after: never dispatched, not in the queue's
   * index, until api-service releases it; then {@code QUEUED}.
   */
  BLOCKED,
  /** Waiting in the queue for a free slot of its arch. */
  QUEUED,
  /** Sent to a worker's dispatch topic; no worker has said it started yet. Holds a slot. */
  DISPATCHED,
  /** A worker started the current attempt. Holds a slot on that worker. */
  RUNNING,
  /** Built, failed or canceled: nothing more for the scheduler to do. */
  DONE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
