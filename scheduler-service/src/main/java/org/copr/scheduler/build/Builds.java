package org.copr.scheduler.build;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CancelBuild;
import org.copr.runtime.outbox.Outbox;
import org.copr.scheduler.SchedulerConfig;
import org.jboss.logging.Logger;

/**
 * Every change of a build's state. Each method locks the build's row and checks the attempt, so a
 * repeated, late or stale event changes nothing.
 */
@ApplicationScoped
public class Builds {
  private static final Logger LOG = Logger.getLogger(Builds.class);

  private final SchedulerConfig config;
  private final Outbox outbox;

  Builds(SchedulerConfig config, Outbox outbox) {
    this.config = config;
    this.outbox = outbox;
  }

  @Transactional
  public void request(BuildRequested request) {
    long buildId = request.build().buildId();
    if (Build.findByIdOptional(buildId).isPresent()) {
      LOG.debugf("build %d was requested before: ignored", buildId);
      return;
    }
    Build build = Build.queued(request, Instant.now());
    if (!config.arches().contains(build.arch)) {
      build.end(Outcome.FAILED, Instant.now());
      outbox.status(new BuildStatus.Failed(buildId, 0, "no build workers for arch " + build.arch));
      LOG.warnf("%s failed: no build workers for arch %s", build, build.arch);
    } else {
      LOG.infof("%s queued for owner %s", build, build.owner);
    }
    build.persist();
  }

  /**
   * A worker started the attempt: said so in a status event or listed it in a heartbeat. Only the
   * worker the attempt was addressed to counts; any other is told to stop by its next heartbeat.
   */
  @Transactional
  public void started(long buildId, int attempt, String workerId) {
    Build.locked(buildId)
        .filter(build -> build.isCurrent(attempt) && build.state == QueueState.DISPATCHED)
        .filter(build -> build.heldBy(workerId))
        .ifPresent(
            build -> {
              build.start(Instant.now());
              LOG.infof("%s started on worker %s", build, workerId);
              if (build.cancelReason != null) {
                outbox.cancel(new CancelBuild(buildId, attempt, build.cancelReason));
              }
            });
  }

  /**
   * The worker is done with the attempt (built, failed to build, or canceled): its slot is free.
   */
  @Transactional
  public void ended(BuildStatus status, Outcome outcome) {
    Build.locked(status.buildId())
        .filter(build -> build.isCurrent(status.attempt()))
        .filter(
            build ->
                !(status instanceof BuildStatus.Finished finished)
                    || build.heldBy(finished.workerId()))
        .ifPresent(
            build -> {
              build.end(outcome, Instant.now());
              LOG.infof("%s %s on worker %s", build, outcome, build.workerId);
            });
  }

  /**
   * A user's cancel. A queued build is dropped here; one that a worker has is canceled by that
   * worker (it reads the same control topic) and reported by it. Should the worker never answer,
   * the liveness rules end the build as canceled instead of requeueing it.
   */
  @Transactional
  public void cancel(CancelBuild cancel) {
    Build build = Build.locked(cancel.buildId()).orElse(null);
    if (build == null || build.state == QueueState.DONE) {
      return;
    }
    String reason = cancel.reason() == null ? "canceled" : cancel.reason();
    if (build.state == QueueState.QUEUED) {
      build.end(Outcome.CANCELED, Instant.now());
      outbox.status(new BuildStatus.Canceled(build.buildId, build.attempt, reason));
      LOG.infof("%s canceled while queued: %s", build, reason);
    } else {
      build.cancelReason = reason;
      LOG.infof("%s to be canceled by its worker: %s", build, reason);
    }
  }

  /**
   * Takes the attempt away from its worker (gone, never started, or out of time) and tells that
   * worker to stop it; the build goes back to the queue, or ends when it was to be canceled or has
   * used up its attempts.
   */
  @Transactional
  public void giveUp(long buildId, int attempt, String why) {
    Build build = Build.locked(buildId).filter(b -> b.isCurrent(attempt)).orElse(null);
    if (build == null) {
      return;
    }
    Instant now = Instant.now();
    outbox.cancel(new CancelBuild(buildId, attempt, why));
    if (build.cancelReason != null) {
      build.end(Outcome.CANCELED, now);
      outbox.status(new BuildStatus.Canceled(buildId, attempt, build.cancelReason));
      LOG.infof("%s canceled (%s)", build, why);
    } else if (build.attempt >= config.maxAttempts()) {
      String reason = why + "; gave up after " + build.attempt + " attempts";
      build.end(Outcome.FAILED, now);
      outbox.status(new BuildStatus.Failed(buildId, attempt, reason));
      LOG.warnf("%s failed: %s", build, reason);
    } else {
      build.requeue(now);
      LOG.warnf("%s requeued: %s", build, why);
    }
  }

  @Transactional
  public Optional<BuildView> view(long buildId) {
    return Build.<Build>findByIdOptional(buildId).map(BuildView::of);
  }
}
