package org.copr.api.build;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.BuildLifecycle;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.Envelope;
import org.copr.contracts.Printable;
import org.copr.contracts.Topics;
import org.copr.contracts.rest.BuildState;
import org.copr.runtime.inbound.Inbound;
import org.copr.runtime.inbound.RefusedEventException;
import org.copr.runtime.outbox.Outbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Moves builds forward from the events on {@value Topics#BUILDS_STATUS}. Delivery is at least once
 * and producers race, so an event applies only when it is news: a later attempt (the scheduler
 * requeued the build), or a later state of the current attempt. Repeats, stale attempts and
 * anything after the end change nothing. Events come in through runtime's {@link Inbound}: one that
 * contradicts what this service knows of the build (a build id never given out, a {@code finished}
 * naming another copr, chroot or package, or one of a deleted build) is refused and goes to the
 * dead-letter topic at once, like an unreadable one; one whose update fails (the database is away)
 * is retried in place, each try in a new transaction.
 *
 * <p>A successful {@code finished} is where publishing starts: this service, which knows the
 * build's copr, chroot and package, asks repo-worker to publish it ({@code publish_requested} on
 * the copr's topic), so nothing a worker claims decides where packages go.
 */
@ApplicationScoped
public class BuildProgress {
  private static final Logger LOG = Logger.getLogger(BuildProgress.class);

  private final Inbound inbound;
  private final Outbox outbox;
  private final Batches batches;

  BuildProgress(Inbound inbound, Outbox outbox, Batches batches) {
    this.inbound = inbound;
    this.outbox = outbox;
    this.batches = batches;
  }

  /** What an event did to its build. */
  public enum Outcome {
    APPLIED,
    IGNORED,
    /** It contradicts the database: forged, or from a confused producer. */
    REFUSED
  }

  @Incoming(Topics.BUILDS_STATUS)
  @Blocking
  public CompletionStage<Void> onMessage(Message<String> message) {
    return inbound.receiveInTransaction(message, BuildStatus.class, this::record);
  }

  private void record(Envelope<BuildStatus> received) {
    BuildStatus event = received.event();
    Instant at = received.occurredAt() == null ? Instant.now() : received.occurredAt();
    if (apply(event, at) == Outcome.REFUSED) {
      throw new RefusedEventException(
          "build " + event.buildId() + ": " + typeOf(event) + " contradicts the build's record");
    }
  }

  /** Applies {@code event}, which its producer made at {@code occurredAt}. */
  @Transactional
  public Outcome apply(BuildStatus event, Instant occurredAt) {
    Build b = Build.findById(event.buildId());
    if (b == null) {
      if (event.buildId() > Build.highestIdGiven()) {
        LOG.warnf("status %s of build %d, an id never given out", typeOf(event), event.buildId());
        return Outcome.REFUSED;
      }
      if (event instanceof BuildStatus.Finished) {
        // Its copr or package was deleted: nothing may be published for it, and an operator
        // should see a worker that still claims results for it.
        LOG.warnf(
            "finished of build %d, which was deleted with its copr or package", event.buildId());
        return Outcome.REFUSED;
      }
      LOG.debugf("status %s of deleted build %d ignored", typeOf(event), event.buildId());
      return Outcome.IGNORED;
    }
    if (event instanceof BuildStatus.Finished f && !describes(f, b)) {
      LOG.warnf(
          "build %d (copr %s, %s, %s): finished names copr %s, %s, %s",
          b.id, b.copr.name, b.pkg.name, b.chroot, f.copr(), f.packageName(), f.chroot());
      return Outcome.REFUSED;
    }
    BuildState target = BuildLifecycle.of(event).api();
    boolean news =
        !b.state.ended()
            && (event.attempt() > b.attempt
                || (event.attempt() == b.attempt && target.compareTo(b.state) > 0));
    if (!news) {
      LOG.debugf(
          "build %d: %s of attempt %d ignored in %s (attempt %d)",
          b.id, typeOf(event), event.attempt(), b.state.wire(), b.attempt);
      return Outcome.IGNORED;
    }
    if (event.attempt() > b.attempt) {
      b.attempt = event.attempt();
      b.workerId = null;
      b.startedAt = null;
    }
    record(b, event, occurredAt);
    LOG.infof(
        "build %d (copr %s, %s, %s): %s -> %s, attempt %d",
        b.id, b.copr.name, b.pkg.name, b.chroot, b.state.wire(), target.wire(), b.attempt);
    b.state = target;
    if (target.ended()) {
      batches.buildEnded(b);
    }
    if (event instanceof BuildStatus.Finished f && f.buildroot() != null) {
      BuildrootEntry.record(b.id, f.buildroot());
    }
    if (event instanceof BuildStatus.Finished f && f.success()) {
      BuildArtifact.record(b.id, f.artifacts() == null ? List.of() : f.artifacts());
      outbox.copr(
          new CoprEvent.PublishRequested(
              b.copr.name,
              b.chroot,
              b.pkg.name,
              b.id,
              b.attempt,
              f.artifacts() == null ? List.of() : f.artifacts()));
    }
    return Outcome.APPLIED;
  }

  private static boolean describes(BuildStatus.Finished f, Build b) {
    return b.copr.name.equals(f.copr())
        && b.chroot.equals(f.chroot())
        && b.pkg.name.equals(f.packageName());
  }

  /**
   * Reasons come partly from a build's own output, shown in pages and terminals: whatever a worker
   * sent, what is kept is one line of printable text of bounded length.
   */
  private static void record(Build b, BuildStatus event, Instant at) {
    setFields(b, event, at);
    b.reason = Printable.reason(b.reason);
  }

  private static void setFields(Build b, BuildStatus event, Instant at) {
    if (event instanceof BuildStatus.Started s) {
      b.workerId = s.workerId();
      b.startedAt = at;
    } else if (event instanceof BuildStatus.Finished f) {
      b.workerId = f.workerId() == null ? b.workerId : f.workerId();
      if (!f.success()) {
        b.reason =
            f.reason() != null
                ? f.reason()
                : "the build failed (exit code " + f.exitCode() + "); see the log";
        b.endedAt = at;
      }
    } else if (event instanceof BuildStatus.Published) {
      b.endedAt = at;
    } else if (event instanceof BuildStatus.PublishFailed p) {
      b.reason = "publishing failed: " + p.reason();
      b.endedAt = at;
    } else if (event instanceof BuildStatus.Failed f) {
      b.reason = f.reason();
      b.endedAt = at;
    } else if (event instanceof BuildStatus.Canceled c) {
      b.reason = c.reason();
      b.endedAt = at;
    }
  }

  private static String typeOf(BuildStatus event) {
    return event.getClass().getSimpleName();
  }
}
