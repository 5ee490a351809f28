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
import org.copr.scheduler.outbox.Outbox;
import org.jboss.logging.Logger;

/** The workers' capacity and liveness, learnt from their heartbeats. */
@ApplicationScoped
public class Workers {
  private static final Logger LOG = Logger.getLogger(Workers.class);

  @Inject SchedulerConfig config;
  @Inject Outbox outbox;

  private final Instant startedAt = Instant.now();
  private final AtomicReference<Instant> lastHeartbeat = new AtomicReference<>(Instant.EPOCH);

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
      reconcile(heartbeat.workerId(), running, now);
    }
    lastHeartbeat.set(now);
  }

  /**
   * A heartbeat may show a start whose status event is still on its way (take it), or an attempt
   * the scheduler has given up on, which the worker must stop (tell it again).
   */
  private void reconcile(String workerId, WorkerHeartbeat.Running running, Instant now) {
    Build build = Build.locked(running.buildId()).orElse(null);
    if (build != null && build.isCurrent(running.attempt())) {
      if (build.state == BuildState.DISPATCHED) {
        build.start(workerId, now);
      }
    } else {
      LOG.infof(
          "worker %s still runs stale attempt %d of build %d: asking it to stop",
          workerId, running.attempt(), running.buildId());
      outbox.cancel(new CancelBuild(running.buildId(), running.attempt(), "stale attempt"));
    }
  }

  /**
   * Whether the scheduler can judge liveness now: heartbeats arrive (otherwise the broker, not
   * every worker, is likely away) and it has run long enough to have heard from every live worker.
   */
  public boolean heartbeatsFlowing() {
    Instant horizon = Instant.now().minus(config.workerTimeout());
    return startedAt.isBefore(horizon) && lastHeartbeat.get().isAfter(horizon);
  }

  public Instant liveSince() {
    return Instant.now().minus(config.workerTimeout());
  }
}
