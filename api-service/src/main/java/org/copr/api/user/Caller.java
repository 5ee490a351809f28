package org.copr.api.user;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The user making the current request, as an entity the services can relate to. */
@ApplicationScoped
public class Caller {
  private final SecurityIdentity identity;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The logged-in user; a 401 when the request has no (valid) credentials. */
  public User require() {
    return current().orElseThrow(UnauthorizedException::new);
  }

  public Optional<User> current() {
    if (identity.isAnonymous()) {
      return Optional.empty();
    }
    return User.byName(identity.getPrincipal().getName());
  }
}
