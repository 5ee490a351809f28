package org.copr.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves forward instead of waiting: {@link #system()} runs with the system clock
 * plus whatever the test {@link #advance advanced} it by (for a running service, whose other
 * parties keep real time), {@link #at(Instant)} stands still until advanced (for unit tests).
 */
public final class TestClock extends Clock {
  private final Instant fixed;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  private TestClock(Instant fixed) {
    this.fixed = fixed;
  }

  public static TestClock system() {
    return new TestClock(null);
  }

  public static TestClock at(Instant start) {
    return new TestClock(start);
  }

  /** Moves the clock forward; it never goes back. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + by);
    }
    offset.accumulateAndGet(by, Duration::plus);
  }

  @Override
  public Instant instant() {
    return (fixed == null ? Instant.now() : fixed).plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the services' clock is UTC");
  }
}
