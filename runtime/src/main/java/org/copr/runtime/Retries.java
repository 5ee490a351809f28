package org.copr.runtime;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one retry policy of every service: wait half a second, then twice as long each time up to
 * half a minute, with jitter so that services coming back together do not retry in step. What
 * differs is only how long a caller may keep trying.
 */
public final class Retries {
  private static final Duration FOREVER = Duration.ofDays(3650);

  private Retries() {}

  /** For what must not be lost, such as a build's status: retries until it works. */
  public static Guard untilDone() {
    return forAtMost(FOREVER);
  }

  /** For what must not hold up others for long: retries until {@code limit}, then fails. */
  public static Guard forAtMost(Duration limit) {
    return forAtMost(limit, List.of());
  }

  /** The same, but failing at once on an exception of {@code abortOn}: retrying would not help. */
  public static Guard forAtMost(Duration limit, List<Class<? extends Throwable>> abortOn) {
    return Guard.create()
        .withRetry()
        .abortOn(abortOn)
        .maxRetries(-1)
        .maxDuration(limit.toMillis(), ChronoUnit.MILLIS)
        .delay(500, ChronoUnit.MILLIS)
        .jitter(200, ChronoUnit.MILLIS)
        .withExponentialBackoff()
        .factor(2)
        .maxDelay(30, ChronoUnit.SECONDS)
        .done()
        .done()
        .build();
  }
}
