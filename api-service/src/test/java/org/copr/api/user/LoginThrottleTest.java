package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.copr.api.ApiConfig;
import org.copr.testing.TestClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(10);

  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(limits(5, 8), clock);

  @Test
  void fiveFailuresStopThatNameFromThatAddressUntilTheOldestLeavesTheWindow() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.wait("alice", "10.0.0.1")).isEmpty();
      throttle.failed("alice", "10.0.0.1");
      clock.advance(Duration.ofSeconds(1));
    }

    // the first failure was 5 s ago: it leaves the window in 10 min - 5 s
    assertThat(throttle.wait("alice", "10.0.0.1")).contains(WINDOW.minusSeconds(5));
    // alice herself, from her own address, is not held back by the guesses of 10.0.0.1
    assertThat(throttle.wait("alice", "10.0.0.2")).isEmpty();
    assertThat(throttle.wait("bob", "10.0.0.1")).isEmpty();
    clock.advance(WINDOW.minusSeconds(5).minusNanos(1));
    assertThat(throttle.wait("alice", "10.0.0.1")).contains(Duration.ofNanos(1));
    clock.advance(Duration.ofNanos(1));
    assertThat(throttle.wait("alice", "10.0.0.1")).isEmpty();
  }

  @Test
  void oneAddressTryingManyNamesIsStoppedForEveryName() {
    for (int i = 0; i < 8; i++) {
      throttle.failed("user" + i, "192.0.2.7");
    }

    assertThat(throttle.wait("someone-else", "192.0.2.7")).contains(WINDOW);
    assertThat(throttle.wait("someone-else", "192.0.2.8")).isEmpty();
    assertThat(throttle.wait("user0", "192.0.2.8")).isEmpty();
  }

  @Test
  void aSuccessForgetsTheNamesFailuresButNotTheAddresss() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("bob", "192.0.2.9");
    }
    throttle.succeeded("bob", "192.0.2.9");
    throttle.failed("bob", "192.0.2.9");
    assertThat(throttle.wait("bob", "192.0.2.9")).isEmpty();

    for (int i = 0; i < 3; i++) {
      throttle.failed("carol" + i, "192.0.2.9");
    }
    assertThat(throttle.wait("bob", "192.0.2.9")).isPresent();
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1_001))).isEqualTo(2);
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMinutes(10))).isEqualTo(600);
  }

  static ApiConfig.Auth.Throttle limits(int perUser, int perAddress) {
    return new ApiConfig.Auth.Throttle() {
      @Override
      public int failuresPerUser() {
        return perUser;
      }

      @Override
      public int failuresPerAddress() {
        return perAddress;
      }

      @Override
      public Duration window() {
        return WINDOW;
      }
    };
  }
}
