package org.copr.api.user;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logins whose password bcrypt accepted lately, so that a client polling with HTTP Basic costs
 * bcrypt once per {@code ttl} instead of once per request. Passwords are never kept: only an HMAC
 * of them under a key that lives in this process's memory.
 */
final class VerifiedLogins {
  static final int MAX_ENTRIES = 10_000;

  private record Entry(byte[] mac, Set<String> roles, long expiresAt) {}

  private final long ttlNanos;
  private final LongSupplier clock;
  private final SecretKeySpec key;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  VerifiedLogins(Duration ttl, LongSupplier clock) {
    this.ttlNanos = ttl.toNanos();
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The roles of a login verified within the ttl with this very password. */
  synchronized Optional<Set<String>> roles(String username, char[] password) {
    Entry e = entries.get(username);
    if (e == null || clock.getAsLong() - e.expiresAt() >= 0) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(e.mac(), mac(username, password))
        ? Optional.of(e.roles())
        : Optional.empty();
  }

  synchronized void remember(String username, char[] password, Set<String> roles) {
    if (ttlNanos > 0) {
      entries.put(
          username, new Entry(mac(username, password), roles, clock.getAsLong() + ttlNanos));
    }
  }

  private byte[] mac(String username, char[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(username.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
