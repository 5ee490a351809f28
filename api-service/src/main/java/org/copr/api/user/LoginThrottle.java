package org.copr.api.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.copr.api.ApiConfig;

/**
 * Failed logins per (username, client address) and per client address, for HTTP Basic and the web
 * form alike: past the limit within the window that pair (or that address) is refused, before any
 * bcrypt, until its oldest failure leaves the window, so that passwords cannot be guessed at
 * bcrypt's speed nor the API's CPU spent on guesses. A username is never counted on its own:
 * whoever guesses it slows down only their own address, and its user still logs in from theirs.
 * Kept in memory: a replica counts its own failures.
 */
@ApplicationScoped
public class LoginThrottle {
  private static final int MAX_KEYS = 20_000;

  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
          return size() > MAX_KEYS;
        }
      };

  @Inject
  LoginThrottle(ApiConfig config, Clock clock) {
    this(config.auth().throttle(), clock);
  }

  LoginThrottle(ApiConfig.Auth.Throttle limits, Clock clock) {
    this.perUser = limits.failuresPerUser();
    this.perAddress = limits.failuresPerAddress();
    this.window = limits.window();
    this.clock = clock;
  }

  /**
   * How long this username, from this address, must wait before it may try a password again; empty
   * when it may try now.
   *
   * @param address the client's address; null when unknown
   */
  public synchronized Optional<Duration> wait(String username, String address) {
    Instant now = clock.instant();
    Instant byUser = blockedUntil(userKey(username, address), perUser, now);
    Instant byAddress = addressUntil(address, now);
    return waitUntil(byUser.isAfter(byAddress) ? byUser : byAddress, now);
  }

  /**
   * How long this address must wait, whatever the username: an API token, whose guessing the
   * username's count need not slow, is held back by this alone.
   */
  public synchronized Optional<Duration> wait(String address) {
    Instant now = clock.instant();
    return waitUntil(addressUntil(address, now), now);
  }

  public synchronized void failed(String username, String address) {
    Instant now = clock.instant();
    record(userKey(username, address), now);
    if (address != null) {
      record(addressKey(address), now);
    }
  }

  /** A right password forgets the username's failures from there; the address's stay counted. */
  public synchronized void succeeded(String username, String address) {
    failures.remove(userKey(username, address));
  }

  /** The whole seconds a client is told to wait: never 0, so that it does not retry at once. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static Optional<Duration> waitUntil(Instant until, Instant now) {
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  private Instant addressUntil(String address, Instant now) {
    return address == null ? now : blockedUntil(addressKey(address), perAddress, now);
  }

  /**
   * When the key may try again: the moment it has fewer than {@code limit} failures in the window.
   */
  private Instant blockedUntil(String key, int limit, Instant now) {
    Deque<Instant> recent = failures.get(key);
    if (recent == null) {
      return now;
    }
    while (!recent.isEmpty() && !now.isBefore(recent.peekFirst().plus(window))) {
      recent.removeFirst();
    }
    if (recent.isEmpty()) {
      failures.remove(key);
      return now;
    }
    if (recent.size() < limit) {
      return now;
    }
    // concurrent attempts may have counted more than the limit: wait until enough have left
    Iterator<Instant> times = recent.iterator();
    Instant leaving = times.next();
    for (int i = 0; i < recent.size() - limit; i++) {
      leaving = times.next();
    }
    return leaving.plus(window);
  }

  private void record(String key, Instant now) {
    Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    recent.addLast(now);
    // a throttled key is refused before it can fail again, so a deque never grows far past limit
    while (recent.size() > Math.max(perUser, perAddress)) {
      recent.removeFirst();
    }
  }

  private static String userKey(String username, String address) {
    return "user " + username + " from " + address;
  }

  private static String addressKey(String address) {
    return "address " + address;
  }
}
