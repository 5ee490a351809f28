package org.copr.api.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.copr.api.ApiConfig;
import org.jboss.logging.Logger;

/**
 * The one password check of HTTP Basic, the web login form and the password change: the throttle
 * first (a throttled attempt spends no bcrypt, whatever its password), then the user's row as it is
 * now (a disabled user is refused; a cached success holds only for the row's current hash), then
 * bcrypt. HTTP Basic also takes an API token in the password's place ({@link #checkBasic}).
 */
@ApplicationScoped
public class Logins {
  private static final Logger LOG = Logger.getLogger(Logins.class);

  private final LoginThrottle throttle;
  private final VerifiedLogins verified;
  private final Clock clock;

  Logins(LoginThrottle throttle, ApiConfig config, Clock clock) {
    this.throttle = throttle;
    this.verified = new VerifiedLogins(config.auth().cacheTtl(), clock);
    this.clock = clock;
  }

  /**
   * HTTP Basic: the enabled user with this password or with this unexpired API token; call within a
   * transaction. A token is looked up (never cached) behind the address's throttle only, so that
   * wrong passwords for a username, which anyone can send, do not stop that user's scripts; a
   * 256-bit secret needs no per-user count. A token-shaped value that is no live token of the user
   * is tried as a password (and counts as a failure of both), so that no password is unusable for
   * its shape.
   *
   * @throws LoginThrottled when the username or the address must wait
   * @throws AuthenticationFailedException as {@link #check}
   */
  public Login checkBasic(String username, char[] secret, String address) {
    Optional<TokenFormat.Presented> presented = TokenFormat.read(secret);
    if (presented.isPresent()) {
      refuseIf(throttle.wait(address), username, address);
      Instant now = clock.instant();
      ApiToken token = ApiToken.live(username, presented.get(), now).orElse(null);
      if (token != null) {
        if (token.user.disabled) {
          throw new AuthenticationFailedException();
        }
        token.usedAt(now);
        return new Login(token.user, token.id);
      }
    }
    return new Login(check(username, secret, address), null);
  }

  /**
   * The enabled user with this password (never a token); call within a transaction.
   *
   * @param address the client's address, null when unknown
   * @throws LoginThrottled when the username or the address must wait
   * @throws AuthenticationFailedException when the user is unknown or disabled, or the password
   *     wrong
   */
  public User check(String username, char[] password, String address) {
    refuseIfThrottled(username, address);
    User user = User.byName(username).orElse(null);
    if (user != null && user.disabled) {
      throw new AuthenticationFailedException();
    }
    if (user != null && verified.verified(username, password, user.passwordHash)) {
      return user;
    }
    if (user == null || !BcryptUtil.matches(new String(password), user.passwordHash)) {
      throttle.failed(username, address);
      throw new AuthenticationFailedException();
    }
    throttle.succeeded(username, address);
    verified.remember(username, password, user.passwordHash);
    return user;
  }

  private void refuseIfThrottled(String username, String address) {
    refuseIf(throttle.wait(username, address), username, address);
  }

  private static void refuseIf(Optional<Duration> wait, String username, String address) {
    wait.ifPresent(
        w -> {
          LOG.infof("login of %s from %s throttled", username, address);
          throw new LoginThrottled(w);
        });
  }
}
