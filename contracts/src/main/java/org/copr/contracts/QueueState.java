package org.copr.scheduler.build;

/** Where a build is in the scheduler's queue (the API's build state is another, finer thing). */
public enum QueueState {
  /** Waiting in the queue for a free slot of its arch. */
  QUEUED,
  /** Sent to the arch's dispatch topic; no worker has said it started yet. Holds a slot. */
  DISPATCHED,
  /** A worker started the current attempt. Holds a slot on that worker. */
  RUNNING,
  /** Finished, failed or canceled: nothing more to do. */
  DONE
}
