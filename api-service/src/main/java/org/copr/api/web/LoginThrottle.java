package org.copr.api.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed web logins per username: after {@link #MAX_FAILURES} within {@link #WINDOW} that name is
 * refused until the oldest failure is out of the window, so a password cannot be guessed through
 * the form at bcrypt's speed. Kept in memory: a replica counts its own failures.
 */
@ApplicationScoped
public class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(10);
  private static final int MAX_NAMES = 10_000;

  private final LongSupplier clock;
  private final Map<String, Deque<Long>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
          return size() > MAX_NAMES;
        }
      };

  LoginThrottle() {
    this(System::nanoTime);
  }

  LoginThrottle(LongSupplier clock) {
    this.clock = clock;
  }

  /** Whether this username may try a password now. */
  public synchronized boolean allowed(String username) {
    Deque<Long> recent = recent(username);
    return recent == null || recent.size() < MAX_FAILURES;
  }

  public synchronized void failed(String username) {
    Deque<Long> recent = recent(username);
    if (recent == null) {
      recent = new ArrayDeque<>();
      failures.put(username, recent);
    }
    recent.addLast(clock.getAsLong());
  }

  public synchronized void succeeded(String username) {
    failures.remove(username);
  }

  private Deque<Long> recent(String username) {
    Deque<Long> recent = failures.get(username);
    if (recent != null) {
      long oldest = clock.getAsLong() - WINDOW.toNanos();
      while (!recent.isEmpty() && recent.peekFirst() - oldest < 0) {
        recent.removeFirst();
      }
    }
    return recent;
  }
}
