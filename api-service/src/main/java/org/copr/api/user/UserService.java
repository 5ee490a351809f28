package org.copr.api.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.copr.api.ApiConfig;
import org.copr.api.Names;
import org.copr.api.error.ApiException;
import org.copr.api.user.UserRequests.PasswordChange;
import org.copr.api.user.UserRequests.UserUpdate;
import org.jboss.logging.Logger;

@ApplicationScoped
public class UserService {
  private static final Logger LOG = Logger.getLogger(UserService.class);
  static final int PASSWORD_MIN = 8;

  private final Caller caller;
  private final ApiConfig config;
  private final Logins logins;

  UserService(Caller caller, ApiConfig config, Logins logins) {
    this.caller = caller;
    this.config = config;
    this.logins = logins;
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
        throw ApiException.forbidden(
            "only an admin may create " + (wantsAdmin ? "admins" : "users"));
      }
    }
    String username = Names.user(body.username());
    requireNewPassword(body.password());
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

  /**
   * A new password for the caller, given the current one (a stolen web session alone cannot change
   * it, nor an API token). Logins with the old password end at once on every replica: their cached
   * successes hold only for the hash they were checked against, and every web session of the user
   * is deleted.
   */
  @Transactional
  public void changePassword(PasswordChange body, String address) {
    User me = caller.requirePassword("change the password");
    if (body == null || body.currentPassword() == null) {
      throw ApiException.badRequest(
          "a JSON body {\"current_password\", \"new_password\"} is required");
    }
    requireNewPassword(body.newPassword());
    try {
      logins.check(me.username, body.currentPassword().toCharArray(), address);
    } catch (AuthenticationFailedException e) {
      throw ApiException.forbidden("current_password is not your current password");
    }
    me.passwordHash = BcryptUtil.bcryptHash(body.newPassword());
    long ended = WebSession.endAll(me);
    LOG.infof("user %s changed the password; %d web sessions ended", me.username, ended);
  }

  /** Site admins disable a user (no login, no web session) or enable it again. */
  @Transactional
  public UserDto update(String username, UserUpdate body) {
    User admin = caller.require();
    if (!admin.admin()) {
      throw ApiException.forbidden("only a site admin may change other users");
    }
    if (body == null) {
      throw ApiException.badRequest("a JSON body {\"disabled\": true or false} is required");
    }
    User user =
        User.byName(Names.user(username))
            .orElseThrow(() -> ApiException.notFound("no user named " + username));
    if (body.disabled() != null && body.disabled() != user.disabled) {
      if (user.id.equals(admin.id)) {
        throw ApiException.invalid("a site admin cannot disable their own account");
      }
      user.disabled = body.disabled();
      LOG.infof(
          "user %s %s by %s", username, user.disabled ? "disabled" : "enabled", admin.username);
    }
    return UserDto.of(user);
  }

  private static void requireNewPassword(String password) {
    if (password == null || password.length() < PASSWORD_MIN) {
      throw ApiException.invalid("the password needs at least " + PASSWORD_MIN + " characters");
    }
  }
}
