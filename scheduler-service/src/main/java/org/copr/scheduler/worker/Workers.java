package org.copr.scheduler.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.copr.contracts.BuildControl;
import org.copr.contracts.QueueState;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.contracts.WorkerHeartbeat.Attempt;
import org.copr.contracts.rest.WorkerView;
import org.copr.runtime.outbox.Outbox;
import org.copr.scheduler.SchedulerConfig;
import org.copr.scheduler.build.BuildTransitions;
import org.copr.scheduler.build.ScheduledBuild;
import org.jboss.logging.Logger;

/**
 * The workers' capacity and liveness, learnt from their heartbeats. Each heartbeat is also the
 * worker's word on what it runs: the scheduler takes back every attempt it holds for a worker that
 * restarted (a new incarnation under the same id) or that no longer lists it.
 */
@ApplicationScoped
public class Workers {
  private static final Logger LOG = Logger.getLogger(Workers.class);

  private final SchedulerConfig config;
  private final Outbox outbox;
  private final BuildTransitions builds;
  private final Clock clock;

  Workers(SchedulerConfig config, Outbox outbox, BuildTransitions builds, Clock clock) {
    this.config = config;
    this.outbox = outbox;
    this.builds = builds;
    this.clock = clock;
  }

  private final AtomicReference<Instant> lastHeartbeat = new AtomicReference<>(Instant.EPOCH);
  private final AtomicReference<Instant> judgeFrom = new AtomicReference<>(Instant.MAX);

  /** A heartbeat, which its worker sent at {@code sentAt} (by the worker's clock). */
  @Transactional
  public void heartbeat(WorkerHeartbeat heartbeat, Instant sentAt) {
    Instant now = clock.instant();
    String id = heartbeat.workerId();
    // Locked before anything is read: a dispatch to this worker either committed before (and is
    // seen below) or waits and reads the incarnation this heartbeat writes.
    BuildWorker worker = BuildWorker.findById(id, LockModeType.PESSIMISTIC_WRITE);
    if (worker == null) {
      worker = new BuildWorker();
      worker.workerId = id;
      LOG.infof("worker %s (%s, %d slots) joined", id, heartbeat.arch(), heartbeat.slots());
    } else if (!heartbeat.incarnation().equals(worker.incarnation)) {
      LOG.infof("worker %s restarted: the attempts it held go back to the queue", id);
      for (ScheduledBuild build : ScheduledBuild.heldFor(id)) {
        builds.giveUp(build.buildId, build.attempt, "worker " + id + " restarted");
      }
    }
    worker.incarnation = heartbeat.incarnation();
    worker.arch = heartbeat.arch();
    worker.slots = heartbeat.slots();
    worker.draining = heartbeat.draining();
    worker.lastSeen = now;
    worker.persist();
    for (Attempt running : heartbeat.running()) {
      reconcile(id, running);
    }
    takeBackUnlisted(heartbeat, sentAt, now);
    if (lastHeartbeat.getAndSet(now).isBefore(now.minus(config.workerTimeout()))) {
      // The first heartbeat after a silence: give every live worker time to be heard from again.
      judgeFrom.set(now.plus(config.workerTimeout()));
    }
  }

  /**
   * A heartbeat may show a start whose status event is still on its way (take it), or an attempt
   * that is not this worker's to run: taken away by the scheduler, addressed to another worker, or
   * from before a restart (tell it to stop). An attempt that ended as the build's last on this
   * worker needs nothing: its worker reported the end, or was told to stop then.
   */
  private void reconcile(String workerId, Attempt running) {
    ScheduledBuild build = ScheduledBuild.findById(running.buildId());
    if (build != null && build.isCurrent(running.attempt()) && build.heldBy(workerId)) {
      builds.started(running.buildId(), running.attempt(), workerId);
    } else if (build == null
        || build.attempt != running.attempt()
        || build.state != QueueState.DONE
        || !workerId.equals(build.workerId)) {
      LOG.infof(
          "worker %s runs attempt %d of build %d, which is not its own: asking it to stop",
          workerId, running.attempt(), running.buildId());
      outbox.control(
          new BuildControl.StopAttempt(running.buildId(), running.attempt(), "stale attempt"));
    }
  }

  /**
   * Running attempts the worker lists neither as running nor as ended are lost (a crash of one
   * build's process, a worker that forgot it): taken back, once they started longer than the grace
   * before the heartbeat was sent. The worker's clock says when that was, but never later than now.
   */
  private void takeBackUnlisted(WorkerHeartbeat heartbeat, Instant sentAt, Instant now) {
    Set<Attempt> listed = new HashSet<>(heartbeat.running());
    listed.addAll(heartbeat.ended());
    Instant sent = sentAt == null || sentAt.isAfter(now) ? now : sentAt;
    Instant cutoff = sent.minus(config.listingGrace());
    List<ScheduledBuild> unlisted =
        ScheduledBuild.heldFor(heartbeat.workerId()).stream()
            .filter(b -> b.state == QueueState.RUNNING && b.startedAt.isBefore(cutoff))
            .filter(b -> !listed.contains(new Attempt(b.buildId, b.attempt)))
            .toList();
    for (ScheduledBuild build : unlisted) {
      builds.giveUp(
          build.buildId, build.attempt, "worker " + heartbeat.workerId() + " no longer runs it");
    }
  }

  /**
   * Whether the scheduler can judge liveness now: heartbeats arrive (when none do, the broker or
   * this scheduler is cut off, not every worker dead), and have arrived for a whole worker timeout
   * since the last such silence or the scheduler's start, so that every live worker was heard.
   */
  public boolean heartbeatsFlowing(Instant now) {
    return lastHeartbeat.get().isAfter(now.minus(config.workerTimeout()))
        && now.isAfter(judgeFrom.get());
  }

  public Instant liveSince() {
    return liveSince(clock.instant());
  }

  public Instant liveSince(Instant now) {
    return now.minus(config.workerTimeout());
  }

  @Transactional
  public List<WorkerView> recent() {
    return BuildWorker.<BuildWorker>list(
            "lastSeen > ?1 order by workerId", clock.instant().minus(Duration.ofHours(1)))
        .stream()
        .map(this::view)
        .toList();
  }

  @Transactional
  public Optional<WorkerView> view(String workerId) {
    return BuildWorker.<BuildWorker>findByIdOptional(workerId).map(this::view);
  }

  private WorkerView view(BuildWorker w) {
    return new WorkerView(
        w.workerId,
        w.arch,
        w.incarnation,
        w.slots,
        ScheduledBuild.heldFor(w.workerId).size(),
        w.draining,
        w.lastSeen.isAfter(liveSince()),
        w.lastSeen);
  }
}
