package org.copr.scheduler;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The scheduler as the tests run it: an arch of its own for each test class (so their queues never
 * mix) and heartbeats timing out soon enough to watch the liveness rules act (start and build
 * timeouts are {@link ShortTimeouts}'s).
 */
public class TestArches implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    return Map.of(
        "copr.scheduler.arches",
        "x86_64,aarch64,fairarch,slotarch,killarch,cancelarch,restartarch,lonearch,recoverarch,crowdarch",
        "copr.scheduler.worker-timeout",
        "6s",
        "copr.scheduler.listing-grace",
        "3s",
        "copr.scheduler.liveness-interval",
        "1s");
  }

  @Override
  public void stop() {}
}
