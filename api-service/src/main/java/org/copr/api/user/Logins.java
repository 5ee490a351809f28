package org.copr.api.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.copr.api.ApiConfig;
import org.jboss.logging.Logger;

/**
 * The one password check of HTTP Basic, the web login form and the password change: the throttle
 * first (a throttled attempt spends no bcrypt, whatever its password), then the user's row as it is
 * now (a disabled user is refused; a cached success holds only for the row's current hash), then
 * bcrypt.
 */
@ApplicationScoped
public class Logins {
  private static final Logger LOG = Logger.getLogger(Logins.class);

  private final LoginThrottle throttle;
  private final VerifiedLogins verified;

  Logins(LoginThrottle throttle, ApiConfig config) {
    this.throttle = throttle;
    this.verified = new VerifiedLogins(config.auth().cacheTtl(), System::nanoTime);
  }

  /**
   * The enabled user with this password; call within a transaction.
   *
   * @param address the client's address, null when unknown
   * @throws LoginThrottled when the username or the address must wait
   * @throws AuthenticationFailedException when the user is unknown or disabled, or the password
   *     wrong
   */
  public User check(String username, char[] password, String address) {
    throttle
        .wait(username, address)
        .ifPresent(
            wait -> {
              LOG.infof("login of %s from %s throttled", username, address);
              throw new LoginThrottled(wait);
            });
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
    throttle.succeeded(username);
    verified.remember(username, password, user.passwordHash);
    return user;
  }
}
