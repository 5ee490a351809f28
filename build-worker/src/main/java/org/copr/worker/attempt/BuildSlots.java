package org.copr.worker.attempt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.WorkerHeartbeat.Attempt;
import org.copr.runtime.kafka.KeyedSender;
import org.copr.worker.attempt.RunningBuild.StopKind;
import org.copr.worker.builder.Builder;
import org.copr.worker.config.ThisWorker;
import org.jboss.logging.Logger;

/**
 * The worker's slots: a dispatch takes one (waiting while all are busy), runs on the bounded pool,
 * and gives it back after its last event is sent. Cancels reach running builds here, and are kept
 * for a while in case their dispatch is still on its way.
 */
@ApplicationScoped
public class BuildSlots {
  private static final Logger LOG = Logger.getLogger(BuildSlots.class);

  private static final int REMEMBERED = 1000;

  /** How long heartbeats list an attempt as ended after its last event reached the broker. */
  private static final Duration ENDED_LISTED_FOR = Duration.ofMinutes(10);

  private final ThisWorker worker;
  private final Builder builder;
  private final KeyedSender sender;
  private final MeterRegistry metrics;
  private final Semaphore slots;

  /** The numbers of the free slots; a build's sandbox uid is derived from its slot's. */
  private final java.util.Queue<Integer> freeSlots =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final ExecutorService pool;
  private final ScheduledExecutorService timers;
  private final Map<Attempt, RunningBuild> running = new ConcurrentHashMap<>();
  private final Map<Attempt, Boolean> done = Collections.synchronizedMap(lru());
  private final Map<Attempt, Instant> reported = Collections.synchronizedMap(lru());
  private final Map<Long, BuildControl> cancels = Collections.synchronizedMap(lru());
  private final Clock clock;
  private volatile boolean draining;

  public BuildSlots(
      ThisWorker worker, Builder builder, KeyedSender sender, MeterRegistry metrics, Clock clock) {
    this.worker = worker;
    this.clock = clock;
    this.builder = builder;
    this.sender = sender;
    this.metrics = metrics;
    this.slots = new Semaphore(worker.slots());
    for (int i = 0; i < worker.slots(); i++) {
      freeSlots.add(i);
    }
    this.pool = Executors.newFixedThreadPool(worker.slots(), named("build-slot"));
    this.timers = Executors.newSingleThreadScheduledExecutor(named("build-timer"));
    Gauge.builder("copr.worker.slots", worker::slots).register(metrics);
    metrics.gaugeMapSize("copr.worker.slots.busy", List.of(), running);
  }

  /**
   * Waits for a free slot and starts the build in it. Returns false, taking nothing, once the
   * worker drains: the scheduler then requeues the attempt, which no heartbeat lists.
   */
  public boolean take(BuildDispatch dispatch) throws InterruptedException {
    // A drain holds every slot until the worker stops: look at the flag while waiting for one.
    while (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
      if (draining) {
        return false;
      }
    }
    if (draining) {
      slots.release();
      return false;
    }
    RunningBuild build =
        new RunningBuild(dispatch, freeSlots.remove(), timers, worker.config().killGrace());
    if (running.containsKey(build.key()) || done.containsKey(build.key())) {
      LOG.infof("%s: already taken here, dispatch ignored", build);
      freeSlots.add(build.slot());
      slots.release();
      return true;
    }
    BuildControl earlier = cancels.get(build.buildId());
    if (earlier != null && earlier.stops(build.attempt())) {
      build.stop(StopKind.CANCEL, earlier.reason());
    }
    running.put(build.key(), build);
    LOG.infof("%s: %s taken", build, build.spec().packageName());
    pool.execute(() -> run(build));
    return true;
  }

  private void run(RunningBuild build) {
    try {
      Optional<BuildStatus> end = new BuildRun(build, worker, builder, sender, timers).run();
      end.ifPresent(
          event -> {
            worker.report(sender, event);
            reported.put(build.key(), clock.instant()); // before it leaves the running ones
          });
      String outcome = end.map(BuildSlots::outcome).orElse("shutdown");
      metrics.counter("copr.worker.builds", "outcome", outcome).increment();
      if (end.orElse(null) instanceof BuildStatus.Finished f) {
        metrics
            .timer("copr.worker.builder.time", "success", Boolean.toString(f.success()))
            .record(Duration.ofMillis(f.builderMillis()));
      }
      LOG.infof("%s: %s", build, outcome);
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s: the worker failed", build);
    } finally {
      done.put(build.key(), true);
      running.remove(build.key());
      freeSlots.add(build.slot());
      slots.release();
    }
  }

  private static String outcome(BuildStatus end) {
    if (end instanceof BuildStatus.Finished f) {
      return f.success()
          ? "success"
          : f.exitCode() == BuildRun.EXIT_TIMEOUT ? "timeout" : "failure";
    }
    return "canceled";
  }

  /** A user's cancel (every attempt) or the scheduler giving up on one attempt. */
  public void cancel(BuildControl cancel) {
    cancels.put(cancel.buildId(), cancel);
    for (RunningBuild build : running.values()) {
      if (build.buildId() == cancel.buildId()
          && cancel.stops(build.attempt())
          && build.stop(StopKind.CANCEL, cancel.reason())) {
        LOG.infof("%s: canceling (%s)", build, cancel.reason());
      }
    }
  }

  public List<RunningBuild> running() {
    return running.values().stream().sorted(Comparator.comparing(RunningBuild::takenAt)).toList();
  }

  /**
   * Attempts whose last event the broker acknowledged lately, so that the scheduler, which may not
   * have read that event yet, does not take them for lost. Read after {@link #running()}: an
   * attempt is in one or the other.
   */
  public List<Attempt> ended() {
    Instant since = clock.instant().minus(ENDED_LISTED_FOR);
    synchronized (reported) {
      reported.values().removeIf(at -> at.isBefore(since));
      return List.copyOf(reported.keySet());
    }
  }

  public boolean draining() {
    return draining;
  }

  public void startDraining() {
    draining = true;
  }

  /**
   * Takes no more work and waits up to {@code timeout} for the running builds. Builds still running
   * then are killed without an event: the scheduler requeues them when the heartbeats stop.
   */
  public void drain(Duration timeout) throws InterruptedException {
    startDraining();
    LOG.infof("draining: %d build(s) running, waiting up to %s", running.size(), timeout);
    if (!slots.tryAcquire(worker.slots(), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      for (RunningBuild build : running.values()) {
        build.stop(StopKind.SHUTDOWN, "the worker shut down before the build ended");
      }
      long grace = worker.config().killGrace().toMillis() + 5_000;
      slots.tryAcquire(worker.slots(), grace, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
    timers.shutdownNow();
  }

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
