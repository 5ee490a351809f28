package org.copr.scheduler;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.copr.contracts.TopicAccess;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;

/**
 * The scheduler as the tests run it: an arch of its own for each test class (so their queues never
 * mix) and heartbeats timing out soon enough to watch the liveness rules act (start and build
 * timeouts are {@link ShortTimeouts}'s).
 */
public class TestArches implements QuarkusTestResourceLifecycleManager {
  private static final String ARCHES =
      "x86_64,aarch64,fairarch,slotarch,killarch,cancelarch,restartarch,lonearch,recoverarch,crowdarch,unsendarch";

  @Override
  public Map<String, String> start() {
    // The broker makes no topic on the fly and the scheduler may write only the real arches'
    // dispatch topics: the test arches get theirs, writable by the scheduler, as a real arch has.
    for (String arch : ARCHES.split(",")) {
      if (!Topics.ARCHES.contains(arch)) {
        KafkaBroker.shared().allowWrite(TopicAccess.SCHEDULER, Topics.dispatch(arch));
        KafkaBroker.shared().createTopics(Topics.deadLetter(Topics.dispatch(arch)));
      }
    }
    return Map.of(
        "copr.scheduler.arches",
        ARCHES,
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
