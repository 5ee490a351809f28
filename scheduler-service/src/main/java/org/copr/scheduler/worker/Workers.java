package org.copr.scheduler.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.copr.contracts.CancelBuild;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.scheduler.SchedulerConfig;
import org.copr.scheduler.build.Build;
import org.copr.scheduler.build.BuildState;
import org.copr.scheduler.build.Builds;
import org.copr.scheduler.outbox.Outbox;
import org.jboss.logging.Logger;

/** The workers' capacity and liveness, learnt from their heartbeats. */
@ApplicationScoped
public class Workers {
  private static final Logger LOG = Logger.getLogger(Workers.class);

  @Inject SchedulerConfig config;
  @Inject Outbox outbox;
  @Inject Builds builds;

  private final AtomicReference<Instant> lastHeartbeat = new AtomicReference<>(Instant.EPOCH);
  private final AtomicReference<Instant> judgeFrom = new AtomicReference<>(Instant.MAX);

  @Transactional
  public void heartbeat(WorkerHeartbeat heartbeat) {
    Instant now = Instant.now();
    Worker worker = Worker.findById(heartbeat.workerId());
    if (worker == null) {
      worker = new Worker();
      worker.workerId = heartbeat.workerId();
      LOG.infof(
          "worker %s (%s, %d slots) joined",
          heartbeat.workerId(), heartbeat.arch(), heartbeat.slots());
    }
    worker.arch = heartbeat.arch();
    worker.slots = heartbeat.slots();
    worker.draining = heartbeat.draining();
    worker.lastSeen = now;
    worker.persist();
    for (WorkerHeartbeat.Running running : heartbeat.running()) {
      reconcile(heartbeat.workerId(), running);
    }
    if (lastHeartbeat.getAndSet(now).isBefore(now.minus(config.workerTimeout()))) {
      // The first heartbeat after a silence: give every live worker time to be heard from again.
      judgeFrom.set(now.plus(config.workerTimeout()));
    }
  }

  /**
   * A heartbeat may show a start whose status event is still on its way (take it), or an attempt
   * the scheduler has taken away, which the worker must stop (tell it again). An attempt that ended
   * as the build's last needs nothing: its worker reported the end, or was told to stop then.
   */
  private void reconcile(String workerId, WorkerHeartbeat.Running running) {
    Build build = Build.findById(running.buildId());
    if (build != null && build.isCurrent(running.attempt())) {
      builds.started(running.buildId(), running.attempt(), workerId);
    } else if (build == null
        || build.attempt != running.attempt()
        || build.state != BuildState.DONE) {
      LOG.infof(
          "worker %s still runs attempt %d of build %d, which it no longer has: asking it to stop",
          workerId, running.attempt(), running.buildId());
      outbox.cancel(new CancelBuild(running.buildId(), running.attempt(), "stale attempt"));
    }
  }

  /**
   * Whether the scheduler can judge liveness now: heartbeats arrive (when none do, the broker or
   * this scheduler is cut off, not every worker dead), and have arrived for a whole worker timeout
   * since the last such silence or the scheduler's start, so that every live worker was heard.
   */
  public boolean heartbeatsFlowing() {
    Instant now = Instant.now();
    return lastHeartbeat.get().isAfter(now.minus(config.workerTimeout()))
        && now.isAfter(judgeFrom.get());
  }

  public Instant liveSince() {
    return Instant.now().minus(config.workerTimeout());
  }
}
