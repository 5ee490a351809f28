package org.copr.scheduler.build;

/** Where a build is, as far as the scheduler is concerned. */
public enum BuildState {
  /** Waiting in the queue for a free slot of its arch. */
  QUEUED,
  /** Sent to the arch's dispatch topic; no worker has said it started yet. Holds a slot. */
  DISPATCHED,
  /** A worker started the current attempt. Holds a slot on that worker. */
  RUNNING,
  /** Finished, failed or canceled: nothing more to do. */
  DONE
}
