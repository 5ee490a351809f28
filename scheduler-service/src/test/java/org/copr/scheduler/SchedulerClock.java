package org.copr.scheduler;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.copr.testing.TestClock;

/**
 * The scheduler's clock in the tests: the system's, moved forward by a test that would otherwise
 * wait for a timeout to expire. The stand-in workers date their heartbeats by it too, as workers
 * whose clocks agree with the scheduler's.
 */
@Singleton
public class SchedulerClock {
  static final TestClock CLOCK = TestClock.system();

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  TestClock clock() {
    return CLOCK;
  }
}
