package org.copr.api.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * A web UI login. The browser's cookie holds a random secret; the row holds only its SHA-256, so
 * ending a session is deleting its row, which every replica sees on the next request.
 */
@Entity
@Table(name = "web_sessions")
public class WebSession extends PanacheEntityBase {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "token_hash")
  public byte[] tokenHash;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  public User user;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  /** A session opened for a user whose password was just checked; its cookie's value. */
  public static Opened open(User user, Instant now, Duration ttl) {
    delete("user = ?1 and expiresAt <= ?2", user, now);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    WebSession s = new WebSession();
    s.tokenHash = hash(token);
    s.user = user;
    s.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    s.expiresAt = s.createdAt.plus(ttl);
    s.persist();
    return new Opened(s.id, token);
  }

  /** The cookie's value and the row's id, which binds the session's CSRF tokens. */
  public record Opened(long id, String token) {}

  /** The unexpired session a cookie names, with its user. */
  public static Optional<WebSession> live(String token, Instant now) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return find("from WebSession s join fetch s.user where s.tokenHash = ?1", hash(token))
        .<WebSession>firstResultOptional()
        .filter(s -> s.expiresAt.isAfter(now));
  }

  /** Logging out: the cookie is refused from now on, wherever it was copied to. */
  public static void end(String token) {
    if (token != null) {
      delete("tokenHash", hash(token));
    }
  }

  /** Every session of the user ends, such as when the password changes. */
  public static long endAll(User user) {
    return delete("user", user);
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
