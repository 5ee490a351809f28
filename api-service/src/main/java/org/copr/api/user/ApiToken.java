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
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** An API token of a user: only its public key and the SHA-256 of its value are kept. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {
  /** How stale {@link #lastUsedAt} may get, so that a busy token is not a write per request. */
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  public User user;

  @Column(name = "token_key")
  public String key;

  @Column(name = "token_hash")
  public byte[] hash;

  public String name;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  /**
   * The unexpired token of {@code username} that {@code presented} is, with its user: one look-up
   * by the unique key, then a constant-time comparison of the hashes. Nothing is cached, so a
   * revoked or expired token is refused from the next request on, on every replica.
   */
  static Optional<ApiToken> live(String username, TokenFormat.Presented presented, Instant now) {
    Optional<ApiToken> found =
        find("from ApiToken t join fetch t.user where t.key = ?1", presented.key())
            .firstResultOptional();
    return found.filter(
        t ->
            MessageDigest.isEqual(t.hash, presented.hash())
                && t.user.username.equals(username)
                && t.expiresAt.isAfter(now));
  }

  void usedAt(Instant now) {
    if (lastUsedAt == null || lastUsedAt.plus(LAST_USED_PRECISION).isBefore(now)) {
      lastUsedAt = now;
    }
  }
}
