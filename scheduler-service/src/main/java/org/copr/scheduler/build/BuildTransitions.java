package org.copr.scheduler.build;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildLifecycle;
import org.copr.contracts.BuildReleased;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Envelope;
import org.copr.contracts.QueueState;
import org.copr.contracts.rest.BuildState;
import org.copr.runtime.inbound.RefusedEventException;
import org.copr.runtime.outbox.Outbox;
import org.copr.scheduler.SchedulerConfig;
import org.jboss.logging.Logger;

/**
 * Every change of a build's state. Each method locks the build's row and checks the attempt, so a
 * repeated, late or stale event changes nothing.
 */
@ApplicationScoped
public class BuildTransitions {
  private static final Logger LOG = Logger.getLogger(BuildTransitions.class);

  private final SchedulerConfig config;
  private final Outbox outbox;
  private final Clock clock;

  BuildTransitions(SchedulerConfig config, Outbox outbox, Clock clock) {
    this.config = config;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public void request(BuildRequested request) {
    long buildId = request.build().buildId();
    if (ScheduledBuild.findByIdOptional(buildId).isPresent()) {
      LOG.debugf("build %d was requested before: ignored", buildId);
      return;
    }
    ScheduledBuild build = ScheduledBuild.queued(request, clock.instant());
    if (!config.arches().contains(build.arch)) {
      build.end(BuildState.FAILED, clock.instant());
      outbox.status(new BuildStatus.Failed(buildId, 0, "no build workers for arch " + build.arch));
      LOG.warnf("%s failed: no build workers for arch %s", build, build.arch);
    } else if (build.state == QueueState.BLOCKED) {
      LOG.infof("%s blocked by batch %d", build, build.blockedByBatch);
    } else {
      LOG.infof("%s queued for owner %s", build, build.owner);
    }
    build.persist();
  }

  /**
   * The batch a blocked build waited for ended. Released once: a repeated release, or one of a
   * build canceled meanwhile, changes nothing. A release always follows its build's request on the
   * same topic and key, so an unknown build here was deleted before it was requested.
   *
   * @return whether the build joined the queue
   */
  @Transactional
  public boolean release(BuildReleased release) {
    ScheduledBuild build = ScheduledBuild.locked(release.buildId()).orElse(null);
    if (build == null) {
      LOG.warnf("release of build %d, which was never requested: ignored", release.buildId());
      return false;
    }
    if (build.state != QueueState.BLOCKED) {
      LOG.debugf("%s released in state %s: ignored", build, build.state.wire());
      return false;
    }
    build.release(clock.instant());
    LOG.infof("%s released: batch %d ended", build, release.batchId());
    return true;
  }

  /**
   * A worker started the attempt: listed it in a heartbeat. Only the worker the attempt was
   * addressed to counts; any other is told to stop by its next heartbeat.
   */
  @Transactional
  public void started(long buildId, int attempt, String workerId) {
    ScheduledBuild.locked(buildId)
        .filter(build -> build.isCurrent(attempt) && build.state == QueueState.DISPATCHED)
        .filter(build -> build.heldBy(workerId))
        .ifPresent(build -> start(build, workerId));
  }

  private void start(ScheduledBuild build, String workerId) {
    build.start(clock.instant());
    LOG.infof("%s started on worker %s", build, workerId);
    if (build.cancelReason != null) {
      outbox.control(
          new BuildControl.StopAttempt(build.buildId, build.attempt, build.cancelReason));
    }
  }

  /**
   * The one judge of a worker's {@code started}, {@code finished} or {@code canceled}: it counts
   * only for the build's current attempt, dispatched to this worker ({@code topicWorker}, whose
   * credentials alone write the topic it came on) in the incarnation the report names. What passes
   * changes the build here and is forwarded on {@code copr.builds.status}, the only news
   * api-service acts on; a repeat of what was already forwarded changes nothing; anything else is
   * refused with the reason and changes nothing.
   */
  @Transactional
  public void judge(String topicWorker, Envelope<? extends BuildStatus> received) {
    BuildStatus report = received.event();
    Report r = Report.of(report);
    if (!topicWorker.equals(r.workerId())) {
      throw new RefusedEventException(
          "the report names worker "
              + r.workerId()
              + " but came with the credentials of worker "
              + topicWorker);
    }
    if (r.incarnation() == null) {
      throw new RefusedEventException("the report names no incarnation of worker " + topicWorker);
    }
    long buildId = report.buildId();
    int attempt = report.attempt();
    ScheduledBuild build =
        ScheduledBuild.locked(buildId)
            .orElseThrow(
                () -> new RefusedEventException("build " + buildId + " was never dispatched"));
    if (build.attempt == 0) {
      throw new RefusedEventException("build " + buildId + " was never dispatched");
    }
    if (attempt != build.attempt) {
      throw new RefusedEventException(
          "attempt "
              + attempt
              + " of build "
              + buildId
              + " is not its current attempt ("
              + build.attempt
              + ")");
    }
    if (!topicWorker.equals(build.workerId)) {
      throw new RefusedEventException(
          "attempt "
              + attempt
              + " of build "
              + buildId
              + " was dispatched to worker "
              + build.workerId
              + ", not to worker "
              + topicWorker);
    }
    if (!r.incarnation().equals(build.incarnation)) {
      throw new RefusedEventException(
          "attempt "
              + attempt
              + " of build "
              + buildId
              + " was dispatched to another incarnation of worker "
              + topicWorker
              + " than "
              + r.incarnation());
    }
    if (report instanceof BuildStatus.Finished f
        && !(build.copr.equals(f.copr())
            && build.chroot.equals(f.chroot())
            && build.packageName.equals(f.packageName()))) {
      throw new RefusedEventException(
          "build "
              + buildId
              + " is "
              + build.packageName
              + " of copr "
              + build.copr
              + " for "
              + build.chroot
              + ", not what the report says");
    }
    if (build.state == QueueState.DONE) {
      if (repeats(build, report)) {
        LOG.debugf("%s: a repeated %s, forwarded before", build, r.type());
        return;
      }
      throw new RefusedEventException("build " + buildId + " already ended " + build.outcome);
    }
    if (report instanceof BuildStatus.Started) {
      if (build.state == QueueState.DISPATCHED) {
        start(build, topicWorker);
      }
    } else {
      BuildState outcome = BuildLifecycle.of(report).outcome();
      build.end(outcome, clock.instant());
      LOG.infof("%s %s on worker %s", build, outcome, topicWorker);
    }
    outbox.status(received);
  }

  /**
   * The same end reported again (a retried send, a redelivery): it was forwarded the first time.
   */
  private static boolean repeats(ScheduledBuild build, BuildStatus report) {
    return report instanceof BuildStatus.Started
        || build.outcome == BuildLifecycle.of(report).outcome();
  }

  /** Who a worker's report says it is. */
  private record Report(String type, String workerId, String incarnation) {
    static Report of(BuildStatus report) {
      if (report instanceof BuildStatus.Started s) {
        return new Report("started", s.workerId(), s.incarnation());
      }
      if (report instanceof BuildStatus.Finished f) {
        return new Report("finished", f.workerId(), f.incarnation());
      }
      if (report instanceof BuildStatus.Canceled c) {
        return new Report("canceled", c.workerId(), c.incarnation());
      }
      throw new RefusedEventException(
          "a worker reports started, finished or canceled, not "
              + report.getClass().getSimpleName());
    }
  }

  /**
   * A user's cancel. A queued build is dropped here; one that a worker has is canceled by that
   * worker (it reads the same control topic) and reported by it. Should the worker never answer,
   * the liveness rules end the build as canceled instead of requeueing it.
   */
  @Transactional
  public void cancel(BuildControl.Cancel cancel) {
    ScheduledBuild build = ScheduledBuild.locked(cancel.buildId()).orElse(null);
    if (build == null || build.state == QueueState.DONE) {
      return;
    }
    String reason = cancel.reason() == null ? "canceled" : cancel.reason();
    if (build.state == QueueState.QUEUED || build.state == QueueState.BLOCKED) {
      build.end(BuildState.CANCELED, clock.instant());
      outbox.status(new BuildStatus.Canceled(build.buildId, build.attempt, reason));
      LOG.infof("%s canceled while %s: %s", build, build.state.wire(), reason);
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
    ScheduledBuild build =
        ScheduledBuild.locked(buildId).filter(b -> b.isCurrent(attempt)).orElse(null);
    if (build == null) {
      return;
    }
    Instant now = clock.instant();
    outbox.control(new BuildControl.StopAttempt(buildId, attempt, why));
    if (build.cancelReason != null) {
      build.end(BuildState.CANCELED, now);
      outbox.status(new BuildStatus.Canceled(buildId, attempt, build.cancelReason));
      LOG.infof("%s canceled (%s)", build, why);
    } else if (build.attempt >= config.maxAttempts()) {
      String reason = why + "; gave up after " + build.attempt + " attempts";
      build.end(BuildState.FAILED, now);
      outbox.status(new BuildStatus.Failed(buildId, attempt, reason));
      LOG.warnf("%s failed: %s", build, reason);
    } else {
      build.requeue(now);
      LOG.warnf("%s requeued: %s", build, why);
    }
  }

  @Transactional
  public Optional<BuildView> view(long buildId) {
    return ScheduledBuild.<ScheduledBuild>findByIdOptional(buildId).map(BuildView::of);
  }
}
