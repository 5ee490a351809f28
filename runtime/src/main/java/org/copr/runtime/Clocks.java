package org.copr.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock of every service where time decides what happens (liveness, timeouts, throttles,
 * expiry, retention): injected, so that a test moves it instead of waiting. Timestamps that only
 * record when something happened may read the system clock.
 */
@Singleton
public class Clocks {
  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
