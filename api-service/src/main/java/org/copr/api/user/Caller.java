package org.copr.api.user;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.copr.api.error.ApiException;

/** The user making the current request, as an entity the services can relate to. */
@ApplicationScoped
public class Caller {
  /** Identity attribute: the id of the API token the request logged in with. */
  public static final String API_TOKEN = "copr.api-token";

  private final SecurityIdentity identity;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The logged-in user; a 401 when the request has no (valid) credentials. */
  public User require() {
    return current().orElseThrow(UnauthorizedException::new);
  }

  /**
   * The logged-in user, who must have logged in with the password: an API token cannot make another
   * token nor change the password, so a leaked token cannot outlive its revocation.
   */
  public User requirePassword(String what) {
    User user = require();
    if (identity.getAttribute(API_TOKEN) != null) {
      throw ApiException.forbidden(
          "an API token cannot " + what + "; log in with your password for that");
    }
    return user;
  }

  /** The id of the API token the request logged in with; empty for a password. */
  public Optional<Long> apiTokenId() {
    return Optional.ofNullable(identity.getAttribute(API_TOKEN));
  }

  public Optional<User> current() {
    if (identity.isAnonymous()) {
      return Optional.empty();
    }
    return User.byName(identity.getPrincipal().getName());
  }
}
