package org.copr.api.user;

import java.time.Duration;

/** A login refused unchecked because its username or its address failed too often lately. */
public class LoginThrottled extends RuntimeException {
  private final Duration wait;

  public LoginThrottled(Duration wait) {
    super("too many failed logins; try again in " + LoginThrottle.retryAfterSeconds(wait) + " s");
    this.wait = wait;
  }

  /** Whole seconds for a {@code Retry-After} header. */
  public long retryAfterSeconds() {
    return LoginThrottle.retryAfterSeconds(wait);
  }
}
