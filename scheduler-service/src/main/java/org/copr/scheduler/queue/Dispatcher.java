package org.copr.scheduler.queue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.scheduler.SchedulerConfig;
import org.copr.scheduler.Wakeup;
import org.copr.scheduler.build.Build;
import org.copr.scheduler.build.BuildState;
import org.copr.scheduler.outbox.Outbox;
import org.copr.scheduler.worker.Worker;
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

  @Inject SchedulerConfig config;
  @Inject EntityManager em;
  @Inject ArchLoad load;
  @Inject Outbox outbox;
  @Inject QueueMetrics metrics;

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
      while (QuarkusTransaction.requiringNew().call(() -> dispatchNext(arch))) {
        // one build per transaction, until the arch has no free slot or no queued build
      }
    }
  }

  /** Dispatches the arch's next build in the fair order; false when there is none or no slot. */
  boolean dispatchNext(String arch) {
    em.createNativeQuery("select pg_advisory_xact_lock(" + DISPATCH_LOCK + ")").getSingleResult();
    Optional<Worker> worker = load.freestWorker(arch);
    if (worker.isEmpty()) {
      return false;
    }
    var next = FairChoice.next(queueHeads(arch), OwnerTurn.lastOwner(arch));
    if (next.isEmpty()) {
      return false;
    }
    Build build = Build.locked(next.get().buildId()).orElseThrow();
    if (build.state != BuildState.QUEUED) {
      return true; // canceled meanwhile: look again
    }
    Instant now = Instant.now();
    Duration waited = Duration.between(build.queuedAt, now);
    String workerId = worker.get().workerId;
    build.dispatch(workerId, now);
    outbox.send(
        Topics.dispatch(arch),
        Long.toString(build.buildId),
        new BuildDispatch(
            build.spec(),
            build.attempt,
            config.buildTimeout().toSeconds(),
            workerId,
            worker.get().incarnation));
    outbox.status(new BuildStatus.Dispatched(build.buildId, build.attempt, arch));
    OwnerTurn.served(arch, build.owner);
    metrics.dispatched(arch, waited);
    LOG.infof(
        "%s of owner %s dispatched to worker %s after %ds in the queue",
        build, build.owner, workerId, waited.toSeconds());
    return true;
  }

  /** Each owner's oldest queued builds for the arch: all that the fairness rule needs to see. */
  private List<FairChoice.Candidate> queueHeads(String arch) {
    return em.createQuery(
            "select b.buildId, b.owner, b.requestedAt from Build b"
                + " where b.arch = :arch and b.state = :queued and b.requestedAt ="
                + " (select min(o.requestedAt) from Build o"
                + " where o.arch = b.arch and o.state = b.state and o.owner = b.owner)",
            Object[].class)
        .setParameter("arch", arch)
        .setParameter("queued", BuildState.QUEUED)
        .getResultStream()
        .map(row -> new FairChoice.Candidate((Long) row[0], (String) row[1], (Instant) row[2]))
        .toList();
  }
}
