package org.copr.scheduler.queue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.copr.contracts.QueueState;
import org.copr.contracts.rest.BuildState;
import org.copr.runtime.Wakeup;
import org.copr.runtime.outbox.Outbox;
import org.copr.scheduler.SchedulerConfig;
import org.copr.scheduler.build.ScheduledBuild;
import org.jboss.logging.Logger;

/**
 * Hands queued builds to the workers of their arch while one has a free slot, so that waiting
 * happens here, in order, and not in Kafka. Each dispatch is addressed to one worker, the one with
 * the most free slots: a crashed or busy worker never holds back a build that another could start.
 */
@ApplicationScoped
public class Dispatcher {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class);

  /** Serialises dispatching across scheduler replicas, so that slots are never given out twice. */
  private static final long DISPATCH_LOCK = 0x636f7072L;

  /**
   * Dispatches per transaction: many slots fill quickly, and no transaction holds the lock long.
   */
  static final int BATCH = 100;

  private final SchedulerConfig config;
  private final EntityManager em;
  private final ArchLoad load;
  private final Outbox outbox;
  private final QueueMetrics metrics;
  private final Clock clock;

  Dispatcher(
      SchedulerConfig config,
      EntityManager em,
      ArchLoad load,
      Outbox outbox,
      QueueMetrics metrics,
      Clock clock) {
    this.config = config;
    this.em = em;
    this.load = load;
    this.outbox = outbox;
    this.metrics = metrics;
    this.clock = clock;
  }

  private Wakeup wakeup;

  @PostConstruct
  void start() {
    wakeup = new Wakeup("dispatcher", this::dispatchAll);
  }

  @Scheduled(
      every = "${copr.scheduler.dispatch-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    wakeup.wake();
  }

  /** Called after a change that may let a build go: a request queued, a slot freed or added. */
  public void wake() {
    wakeup.wake();
  }

  @PreDestroy
  void stop() {
    wakeup.stop();
  }

  private void dispatchAll() {
    Map<String, Long> queued = QuarkusTransaction.requiringNew().call(load::queuedPerArch);
    metrics.queueLength(queued, config.arches());
    for (String arch : queued.keySet()) {
      while (QuarkusTransaction.requiringNew().call(() -> dispatchBatch(arch)) == BATCH) {
        // a full batch: there may be more free slots and queued builds
      }
    }
  }

  /** Dispatches up to {@link #BATCH} of the arch's builds in one transaction; returns how many. */
  int dispatchBatch(String arch) {
    em.createNativeQuery("select pg_advisory_xact_lock(" + DISPATCH_LOCK + ")").getSingleResult();
    FreeSlots slots = load.freeSlotsByWorker(arch);
    int dispatched = 0;
    while (dispatched < BATCH && slots.any() && dispatchNext(arch, slots)) {
      dispatched++;
    }
    return dispatched;
  }

  /** Dispatches the arch's next build in the fair order; false when there is none. */
  private boolean dispatchNext(String arch, FreeSlots slots) {
    long started = System.nanoTime();
    var next = new QueuedBuilds(em, arch).lockNext(OwnerTurn.lastOwner(arch));
    if (next.isEmpty()) {
      return false;
    }
    ScheduledBuild build = next.get();
    if (build.state != QueueState.QUEUED) {
      return true; // canceled meanwhile: look again
    }
    Optional<String> unsendable = unsendable(build);
    if (unsendable.isPresent()) {
      failUnsendable(build, unsendable.get());
      return true; // the queue goes on behind it
    }
    FreeSlots.Free worker = slots.take().orElseThrow();
    Duration decision = Duration.ofNanos(System.nanoTime() - started);
    Instant now = clock.instant();
    Duration waited = Duration.between(build.queuedAt, now);
    String workerId = worker.workerId();
    build.dispatch(workerId, worker.incarnation(), now);
    outbox.dispatch(
        new BuildDispatch(
            build.spec(),
            build.attempt,
            build.timeout(config.buildTimeout()).toSeconds(),
            workerId,
            worker.incarnation()));
    outbox.status(new BuildStatus.Dispatched(build.buildId, build.attempt, arch));
    OwnerTurn.served(arch, build.owner);
    em.flush(); // the next choice in this transaction must see this build dispatched
    metrics.dispatched(arch, waited, decision);
    LOG.infof(
        "%s of owner %s dispatched to worker %s after %ds in the queue",
        build, build.owner, workerId, waited.toSeconds());
    return true;
  }

  /**
   * Why the build's stored request cannot become a dispatch that its workers would accept (the same
   * event checks they apply), or empty. Such a row never blocks the queue behind it.
   */
  private Optional<String> unsendable(ScheduledBuild build) {
    try {
      BuildSpec spec = build.spec();
      BuildDispatch probe =
          new BuildDispatch(
              spec,
              build.attempt + 1,
              build.timeout(config.buildTimeout()).toSeconds(),
              "probe",
              "probe");
      EventJson.read(EventJson.write(probe), BuildDispatch.class);
      if (!build.arch.equals(spec.arch()) || spec.buildId() != build.buildId) {
        return Optional.of("its request names another build or arch");
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** Ends the build as failed, with the reason, and tells api-service (and the dashboard). */
  private void failUnsendable(ScheduledBuild build, String why) {
    String reason = "the build cannot be dispatched: " + why;
    build.end(BuildState.FAILED, clock.instant());
    if (build.buildId > 0) {
      outbox.status(new BuildStatus.Failed(build.buildId, build.attempt, reason));
    }
    em.flush();
    metrics.unsendable(build.arch);
    LOG.warnf("%s failed: %s", build, reason);
  }
}
