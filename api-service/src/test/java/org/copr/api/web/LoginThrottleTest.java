package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final LoginThrottle throttle = new LoginThrottle(now::get);

  @Test
  void fiveFailuresStopThatNameUntilTheOldestLeavesTheWindow() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertThat(throttle.allowed("mallory")).isTrue();
      throttle.failed("mallory");
      now.addAndGet(1_000_000_000L);
    }

    assertThat(throttle.allowed("mallory")).isFalse();
    assertThat(throttle.allowed("alice")).isTrue();
    now.addAndGet(LoginThrottle.WINDOW.toNanos() - 4_000_000_000L);
    assertThat(throttle.allowed("mallory")).isTrue();
  }

  @Test
  void aSuccessForgetsTheFailures() {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed("bob");
    }
    throttle.succeeded("bob");
    throttle.failed("bob");

    assertThat(throttle.allowed("bob")).isTrue();
  }
}
