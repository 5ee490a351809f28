package org.copr.api.user;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.copr.api.ApiConfig;
import org.copr.api.Names;
import org.copr.api.error.ApiException;
import org.jboss.logging.Logger;

@ApplicationScoped
public class UserService {
  private static final Logger LOG = Logger.getLogger(UserService.class);
  static final int PASSWORD_MIN = 8;

  private final Caller caller;
  private final ApiConfig config;

  UserService(Caller caller, ApiConfig config) {
    this.caller = caller;
    this.config = config;
  }

  /** Admins create any account; with self-registration on, anyone may create a non-admin one. */
  @Transactional
  public UserDto create(NewUser body) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body {\"username\", \"password\"} is required");
    }
    boolean wantsAdmin = Boolean.TRUE.equals(body.admin());
    Optional<User> creator = caller.current();
    if (wantsAdmin || !config.users().selfRegistration()) {
      User c = creator.orElseThrow(UnauthorizedException::new);
      if (!c.admin()) {
        throw new ForbiddenException(
            "only an admin may create " + (wantsAdmin ? "admins" : "users"));
      }
    }
    String username = Names.user(body.username());
    if (body.password() == null || body.password().length() < PASSWORD_MIN) {
      throw ApiException.invalid("the password needs at least " + PASSWORD_MIN + " characters");
    }
    if (User.byName(username).isPresent()) {
      throw ApiException.conflict("user " + username + " already exists");
    }
    User u = User.create(username, body.password(), wantsAdmin);
    LOG.infof(
        "user %s created by %s (admin: %s)",
        username, creator.map(c -> c.username).orElse("self-registration"), wantsAdmin);
    return UserDto.of(u);
  }

  @Transactional
  public UserDto me() {
    return UserDto.of(caller.require());
  }
}
