package org.copr.scheduler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;
import org.copr.contracts.Chroot;

/** The scheduling policy's knobs; src-docs/scheduler.md explains each one. */
@ConfigMapping(prefix = "copr.scheduler")
public interface SchedulerConfig {

  /** Arches that have build workers; a build for any other arch fails at once. */
  @WithDefault(Chroot.ARCHES)
  Set<String> arches();

  /** A worker not heard from for this long is gone; its builds are requeued. */
  Duration workerTimeout();

  /**
   * A running attempt that its worker's heartbeat lists neither as running nor as ended is requeued
   * when it started longer than this before the heartbeat was sent (what a heartbeat sent just
   * before the start could not know, and the clocks' difference).
   */
  Duration listingGrace();

  /** A dispatched build that no worker started within this long is requeued. */
  Duration startTimeout();

  /**
   * Sent to the worker with every dispatch; the scheduler itself gives up a worker-timeout later.
   */
  Duration buildTimeout();

  /** Attempts a build gets before it fails for good. */
  int maxAttempts();

  Duration dispatchInterval();

  Duration livenessInterval();
}
