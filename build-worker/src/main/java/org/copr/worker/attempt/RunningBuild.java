package org.copr.worker.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.WorkerHeartbeat;

/**
 * One attempt this worker has taken, from the moment it took a slot to its last event. A stop
 * (cancel, timeout, shutdown) may come before the builder process exists; the first stop asked for
 * wins.
 */
public final class RunningBuild {

  enum StopKind {
    CANCEL,
    TIMEOUT,
    /** The builder's output passed {@code copr.worker.log.max-size}. */
    LOG_LIMIT,
    SHUTDOWN
  }

  record Stop(StopKind kind, String reason) {}

  private final BuildDispatch dispatch;
  private final int slot;
  private final Instant takenAt = Instant.now();
  private final ScheduledExecutorService timers;
  private final Duration killGrace;
  private final AtomicReference<Stop> stop = new AtomicReference<>();
  private volatile BuilderProcess process;

  RunningBuild(
      BuildDispatch dispatch, int slot, ScheduledExecutorService timers, Duration killGrace) {
    this.dispatch = dispatch;
    this.slot = slot;
    this.timers = timers;
    this.killGrace = killGrace;
  }

  public BuildSpec spec() {
    return dispatch.build();
  }

  public long buildId() {
    return dispatch.build().buildId();
  }

  public int attempt() {
    return dispatch.attempt();
  }

  /** Which of the worker's slots (0 to slots - 1) it holds; no other running build holds it. */
  int slot() {
    return slot;
  }

  public Instant takenAt() {
    return takenAt;
  }

  /** The builder's process id while it runs, for operators looking at the host. */
  public Long pid() {
    BuilderProcess p = process;
    return p == null ? null : p.pid();
  }

  BuildDispatch dispatch() {
    return dispatch;
  }

  /** Asks the build to stop; kills the builder if it runs. False if a stop was asked already. */
  boolean stop(StopKind kind, String reason) {
    if (!stop.compareAndSet(null, new Stop(kind, reason))) {
      return false;
    }
    BuilderProcess p = process;
    if (p != null) {
      p.kill(timers, killGrace);
    }
    return true;
  }

  Stop stopped() {
    return stop.get();
  }

  void attach(BuilderProcess p) {
    process = p;
    if (stop.get() != null) {
      p.kill(timers, killGrace);
    }
  }

  /** How logs name it: build, attempt, copr and chroot. */
  @Override
  public String toString() {
    BuildSpec spec = dispatch.build();
    return String.format(
        "build %d attempt %d (%s/%s, %s)",
        spec.buildId(), attempt(), spec.owner(), spec.copr(), spec.chroot());
  }

  public WorkerHeartbeat.Attempt key() {
    return new WorkerHeartbeat.Attempt(buildId(), attempt());
  }
}
