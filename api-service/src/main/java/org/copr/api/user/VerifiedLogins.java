package org.copr.api.user;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logins whose password bcrypt accepted lately, so that a client polling with HTTP Basic costs
 * bcrypt once per {@code ttl} instead of once per request. An entry holds only for the password
 * hash it was checked against: the caller passes the hash its user row has now, so a changed
 * password ends the entry at once, on every replica, without any message between them. Passwords
 * are never kept: only an HMAC of them under a key that lives in this process's memory.
 */
final class VerifiedLogins {
  static final int MAX_ENTRIES = 10_000;

  private record Entry(byte[] mac, String passwordHash, Instant expiresAt) {}

  private final Duration ttl;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  VerifiedLogins(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * Whether bcrypt accepted this very password within the ttl against the hash the user's row holds
   * now.
   */
  synchronized boolean verified(String username, char[] password, String passwordHash) {
    Entry e = entries.get(username);
    if (e == null || !clock.instant().isBefore(e.expiresAt())) {
      return false;
    }
    if (!e.passwordHash().equals(passwordHash)) {
      entries.remove(username);
      return false;
    }
    return MessageDigest.isEqual(e.mac(), mac(username, password));
  }

  synchronized void remember(String username, char[] password, String passwordHash) {
    if (!ttl.isNegative() && !ttl.isZero()) {
      entries.put(
          username, new Entry(mac(username, password), passwordHash, clock.instant().plus(ttl)));
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
