package org.copr.scheduler;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The scheduler as the tests run it: an arch of its own for each test class (so their queues never
 * mix) and heartbeats timing out soon enough to watch the liveness rules act (start and build
 * timeouts are the service's own: {@link TimeoutsTest} moves the {@link SchedulerClock} past them).
 */
public class TestArches implements QuarkusTestResourceLifecycleManager {
  private static final String ARCHES =
      "x86_64,aarch64,fairarch,slotarch,killarch,cancelarch,restartarch,lonearch,recoverarch,crowdarch,judgearch,unsendarch,startarch,overrunarch,owntimearch,outagearch,batcharch";

  @Override
  public Map<String, String> start() {
    return Map.of(
        "copr.scheduler.arches",
        ARCHES,
        "copr.scheduler.worker-timeout",
        "6s",
        "copr.scheduler.listing-grace",
        "3s",
        "copr.scheduler.liveness-interval",
        "1s",
        // a stand-in worker's reports topic is found soon after the stand-in is made
        "mp.messaging.incoming.worker-reports.metadata.max.age.ms",
        "500");
  }

  @Override
  public void stop() {}
}
