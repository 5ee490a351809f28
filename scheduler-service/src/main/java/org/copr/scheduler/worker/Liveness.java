package org.copr.scheduler.worker;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.copr.scheduler.SchedulerConfig;
import org.copr.scheduler.build.Build;
import org.copr.scheduler.build.BuildState;
import org.copr.scheduler.build.Builds;

/**
 * Takes attempts away from workers that cannot finish them: the worker they are addressed to
 * stopped sending heartbeats, it did not start a dispatched build, or a build ran past its timeout
 * (plus one worker timeout, so that a worker enforcing the timeout itself reports first).
 */
@ApplicationScoped
public class Liveness {
  @Inject SchedulerConfig config;
  @Inject Workers workers;
  @Inject Builds builds;

  @Scheduled(
      every = "${copr.scheduler.liveness-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void sweep() {
    if (!workers.heartbeatsFlowing()) {
      return; // the broker or this scheduler was away: silence proves nothing about a worker
    }
    Instant now = Instant.now();
    Instant liveSince = workers.liveSince();
    giveUp(
        "from Build b where b.state in ?1 and not exists"
            + " (from Worker w where w.workerId = b.workerId and w.lastSeen > ?2)",
        "worker lost",
        List.of(BuildState.DISPATCHED, BuildState.RUNNING),
        liveSince);
    giveUp(
        "from Build b where b.state = ?1 and b.dispatchedAt < ?2",
        "not started within " + readable(config.startTimeout()),
        BuildState.DISPATCHED,
        now.minus(config.startTimeout()));
    giveUp(
        "from Build b where b.state = ?1 and b.startedAt < ?2",
        "ran longer than the build timeout of " + readable(config.buildTimeout()),
        BuildState.RUNNING,
        now.minus(config.buildTimeout()).minus(config.workerTimeout()));
  }

  private void giveUp(String query, String why, Object... params) {
    List<Build> stuck = QuarkusTransaction.requiringNew().call(() -> Build.list(query, params));
    for (Build build : stuck) {
      String reason = build.workerId == null ? why : why + " (worker " + build.workerId + ")";
      builds.giveUp(build.buildId, build.attempt, reason);
    }
  }

  /** 90 seconds as "1m30s", as the configuration writes it. */
  static String readable(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }
}
