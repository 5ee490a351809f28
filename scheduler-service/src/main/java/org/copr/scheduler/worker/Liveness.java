package org.copr.scheduler.worker;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.copr.scheduler.SchedulerConfig;
import org.copr.scheduler.build.BuildTransitions;
import org.copr.scheduler.build.ScheduledBuild;

/**
 * Takes attempts away from workers that cannot finish them: the worker they are addressed to
 * stopped sending heartbeats, it did not start a dispatched build, or a build ran past its own
 * timeout (plus one worker timeout, so that a worker enforcing the timeout itself reports first).
 */
@ApplicationScoped
public class Liveness {
  private final SchedulerConfig config;
  private final Workers workers;
  private final BuildTransitions builds;
  private final Clock clock;

  Liveness(SchedulerConfig config, Workers workers, BuildTransitions builds, Clock clock) {
    this.config = config;
    this.workers = workers;
    this.builds = builds;
    this.clock = clock;
  }

  @Scheduled(
      every = "${copr.scheduler.liveness-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void sweep() {
    // one reading of the clock for every rule, so that they judge the same moment
    Instant now = clock.instant();
    if (!workers.heartbeatsFlowing(now)) {
      return; // the broker or this scheduler was away: silence proves nothing about a worker
    }
    Instant liveSince = workers.liveSince(now);
    giveUp(
        "b.state in ('DISPATCHED', 'RUNNING') and not exists"
            + " (select 1 from worker w where w.worker_id = b.worker_id and w.last_seen > ?1)",
        "worker lost",
        liveSince);
    giveUp(
        "b.state = 'DISPATCHED' and b.dispatched_at < ?1",
        "not started within " + readable(config.startTimeout()),
        now.minus(config.startTimeout()));
    // each build's own timeout (its copr's or its request's), else the configured one
    giveUp(
        "b.state = 'RUNNING' and b.started_at"
            + " + coalesce(b.timeout_seconds, ?2) * interval '1 second' < ?1",
        build ->
            "ran longer than the build timeout of "
                + readable(build.timeout(config.buildTimeout())),
        now.minus(config.workerTimeout()),
        config.buildTimeout().toSeconds());
  }

  private void giveUp(String where, String why, Object... params) {
    giveUp(where, build -> why, params);
  }

  private void giveUp(String where, Function<ScheduledBuild, String> why, Object... params) {
    List<ScheduledBuild> stuck =
        QuarkusTransaction.requiringNew().call(() -> ScheduledBuild.where(where, params));
    for (ScheduledBuild build : stuck) {
      String reason =
          build.workerId == null
              ? why.apply(build)
              : why.apply(build) + " (worker " + build.workerId + ")";
      builds.giveUp(build.buildId, build.attempt, reason);
    }
  }

  /** 90 seconds as "1m30s", as the configuration writes it. */
  static String readable(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }
}
