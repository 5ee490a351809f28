package org.copr.scheduler;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Start and build timeouts short enough for a test to see them expire. */
public class ShortTimeouts implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("copr.scheduler.start-timeout", "15s", "copr.scheduler.build-timeout", "4s");
  }
}
