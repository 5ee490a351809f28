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
   * the scheduler has given up on, which the worker must stop (tell it again).
   */
  private void reconcile(String workerId, WorkerHeartbeat.Running running) {
    boolean current =
        Build.<Build>findByIdOptional(running.buildId())
            .filter(build -> build.isCurrent(running.attempt()))
            .isPresent();
    if (current) {
      builds.started(running.buildId(), running.attempt(), workerId);
    } else {
      LOG.infof(
          "worker %s still runs stale attempt %d of build %d: asking it to stop",
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
