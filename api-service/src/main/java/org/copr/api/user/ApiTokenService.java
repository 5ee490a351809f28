package org.copr.api.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.copr.api.Limits;
import org.copr.api.PageRequest;
import org.copr.api.error.ApiException;
import org.copr.contracts.rest.Page;
import org.jboss.logging.Logger;

/** The caller's API tokens: made with the password only, listed without values, revoked at once. */
@ApplicationScoped
public class ApiTokenService {
  private static final Logger LOG = Logger.getLogger(ApiTokenService.class);

  /** Fedora Copr's tokens last 180 days too. */
  static final int DEFAULT_DAYS = 180;

  private final Caller caller;
  private final Clock clock;

  ApiTokenService(Caller caller, Clock clock) {
    this.caller = caller;
    this.clock = clock;
  }

  /** Expired tokens of the user are dropped first, so that only unexpired ones count. */
  @Transactional
  public IssuedApiTokenDto create(@Valid NewApiToken body) {
    User me = caller.requirePassword("make API tokens");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return issue(
        me,
        body == null || body.name() == null || body.name().isBlank() ? null : body.name(),
        now,
        expiry(body, now));
  }

  private IssuedApiTokenDto issue(User me, String name, Instant now, Instant expiresAt) {
    Instant expires = expiresAt == null ? now.plus(Duration.ofDays(DEFAULT_DAYS)) : expiresAt;
    ApiToken.delete("user = ?1 and expiresAt <= ?2", me, now);
    if (ApiToken.count("user", me) >= Limits.TOKENS) {
      throw ApiException.invalid(
          "you have " + Limits.TOKENS + " API tokens already; revoke one you no longer use");
    }
    TokenFormat.Issued issued = TokenFormat.issue();
    ApiToken t = new ApiToken();
    t.user = me;
    t.key = issued.key();
    t.hash = issued.hash();
    t.name = name;
    t.createdAt = now;
    t.expiresAt = expires;
    t.persist();
    LOG.infof("user %s made API token %d, expiring %s", me.username, t.id, expires);
    return new IssuedApiTokenDto(t.id, t.name, me.username, issued.value(), now, expires);
  }

  /**
   * Fedora Copr's {@code new-api-token}: a new token in place of the one the request logged in
   * with, which dies here, so a leaked token cannot outlive its replacement. The new one keeps its
   * name and lasts {@link #DEFAULT_DAYS} days. With a password no token dies.
   */
  @Transactional
  public IssuedApiTokenDto replaceUsed() {
    User me = caller.require();
    Optional<ApiToken> used =
        caller.apiTokenId().flatMap(id -> ApiToken.<ApiToken>findByIdOptional(id));
    String name = used.map(t -> t.name).orElse(null);
    used.ifPresent(
        t -> {
          t.delete();
          LOG.infof("user %s replaced API token %d", me.username, t.id);
        });
    return issue(me, name, clock.instant().truncatedTo(ChronoUnit.MICROS), null);
  }

  @Transactional
  public Page<ApiTokenDto> list(PageRequest page) {
    User me = caller.require();
    return page.of(ApiToken.<ApiToken>find("user = ?1 order by id", me)).map(ApiTokenDto::of);
  }

  /** Deletes the token: the next request with it is refused, on every replica. */
  @Transactional
  public void revoke(long id) {
    User me = caller.require();
    if (ApiToken.delete("id = ?1 and user = ?2", id, me) == 0) {
      throw ApiException.notFound("you have no API token " + id);
    }
    LOG.infof("user %s revoked API token %d", me.username, id);
  }

  private static Instant expiry(NewApiToken body, Instant now) {
    Instant latest = now.plus(Duration.ofDays(Limits.TOKEN_DAYS));
    if (body == null || (body.expiresInDays() == null && body.expiresAt() == null)) {
      return now.plus(Duration.ofDays(DEFAULT_DAYS));
    }
    if (body.expiresInDays() != null && body.expiresAt() != null) {
      throw ApiException.invalid("give expires_in_days or expires_at, not both");
    }
    if (body.expiresInDays() != null) {
      return now.plus(Duration.ofDays(body.expiresInDays()));
    }
    if (!body.expiresAt().isAfter(now) || body.expiresAt().isAfter(latest)) {
      throw ApiException.invalid(
          "expires_at must be in the future and at most " + Limits.TOKEN_DAYS + " days from now");
    }
    return body.expiresAt();
  }
}
