package org.copr.scheduler.build;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.EventJson;
import org.copr.contracts.QueueState;
import org.copr.contracts.rest.BuildState;

/** One build (a package upload for one chroot) and the scheduler's view of its current attempt. */
@Entity
@Table(name = "build")
public class ScheduledBuild extends PanacheEntityBase {
  @Id public long buildId;
  public String arch;
  public String owner;
  public String copr;
  public String chroot;
  public String packageName;
  public String request;

  /** How long an attempt may run; null (builds queued before it was kept): the configured one. */
  public Long timeoutSeconds;

  @Enumerated(EnumType.STRING)
  public QueueState state;

  public int attempt;
  public Instant requestedAt;
  public Instant queuedAt;
  public Instant dispatchedAt;
  public Instant startedAt;

  /** The worker the current attempt is addressed to (kept once the build is done). */
  public String workerId;

  /** That worker's incarnation when the attempt was dispatched: only it may report on it. */
  public String incarnation;

  public String cancelReason;

  @Enumerated(EnumType.STRING)
  public BuildState outcome;

  public Instant endedAt;

  /** The batch api-service said this build waits for; kept after its release, for the record. */
  public Long blockedByBatch;

  public static ScheduledBuild queued(BuildRequested request, Instant now) {
    BuildSpec spec = request.build();
    ScheduledBuild build = new ScheduledBuild();
    build.buildId = spec.buildId();
    build.arch = spec.arch();
    build.owner = spec.owner();
    build.copr = spec.copr();
    build.chroot = spec.chroot();
    build.packageName = spec.packageName();
    build.request = EventJson.write(request);
    build.timeoutSeconds = request.timeoutSeconds() > 0 ? request.timeoutSeconds() : null;
    build.blockedByBatch = request.blockedByBatch();
    build.state = build.blockedByBatch == null ? QueueState.QUEUED : QueueState.BLOCKED;
    build.attempt = 0;
    build.requestedAt = now;
    build.queuedAt = now;
    return build;
  }

  /** The build's row, locked until the transaction ends, so that transitions never interleave. */
  public static Optional<ScheduledBuild> locked(long buildId) {
    return findByIdOptional(buildId, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Builds whose SQL condition {@code where} holds (alias {@code b}, parameters ?1, ?2, ...).
   * Native, so that states are literals and the partial indexes on them serve whatever the plan
   * cache does.
   */
  @SuppressWarnings("unchecked")
  public static List<ScheduledBuild> where(String where, Object... params) {
    var query =
        getEntityManager()
            .createNativeQuery("select b.* from build b where " + where, ScheduledBuild.class);
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, params[i]);
    }
    return query.getResultList();
  }

  /** The attempts addressed to or run by the worker (a few: at most its slots). */
  public static List<ScheduledBuild> heldFor(String workerId) {
    return where("b.worker_id = ?1 and b.state in ('DISPATCHED', 'RUNNING')", workerId);
  }

  /** The build's own timeout, else {@code configured} (the scheduler's build-timeout). */
  public Duration timeout(Duration configured) {
    return timeoutSeconds == null ? configured : Duration.ofSeconds(timeoutSeconds);
  }

  public BuildSpec spec() {
    return EventJson.read(request, BuildRequested.class).build();
  }

  /**
   * Whether an event about {@code eventAttempt} concerns what a worker does with this build now.
   */
  public boolean isCurrent(int eventAttempt) {
    return eventAttempt == attempt
        && (state == QueueState.DISPATCHED || state == QueueState.RUNNING);
  }

  /** The next attempt, addressed to {@code worker} as it runs now ({@code workerIncarnation}). */
  public void dispatch(String worker, String workerIncarnation, Instant now) {
    state = QueueState.DISPATCHED;
    attempt++;
    dispatchedAt = now;
    startedAt = null;
    workerId = worker;
    incarnation = workerIncarnation;
  }

  /** Whether the current attempt is held for (addressed to or run by) this worker. */
  public boolean heldBy(String worker) {
    return (state == QueueState.DISPATCHED || state == QueueState.RUNNING)
        && workerId != null
        && workerId.equals(worker);
  }

  public void start(Instant now) {
    state = QueueState.RUNNING;
    startedAt = now;
  }

  /** The batch it waited for ended: it joins its owner's queue, at its original request time. */
  public void release(Instant now) {
    state = QueueState.QUEUED;
    queuedAt = now;
  }

  public void requeue(Instant now) {
    state = QueueState.QUEUED;
    queuedAt = now;
    dispatchedAt = null;
    startedAt = null;
    workerId = null;
    incarnation = null;
  }

  public void end(BuildState how, Instant now) {
    state = QueueState.DONE;
    outcome = how;
    endedAt = now;
  }

  @Override
  public String toString() {
    return "build " + buildId + " (copr " + copr + ", " + chroot + ", attempt " + attempt + ")";
  }
}
