package org.copr.api.copr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.copr.api.copr.CoprPermission.Level;
import org.copr.api.error.ApiException;
import org.copr.api.user.User;
import org.jboss.logging.Logger;

/**
 * Users asking for a permission on a copr, and giving up one they have. A manager approves a
 * request by granting it ({@link CoprService#grant}, which removes the request).
 */
@ApplicationScoped
public class PermissionRequests {
  private static final Logger LOG = Logger.getLogger(PermissionRequests.class);

  @Transactional(Transactional.TxType.MANDATORY)
  public List<CoprPermissionRequest> of(Copr copr) {
    return CoprPermissionRequest.of(copr);
  }

  /**
   * True when the request is new (nothing when {@code user} has the permission or asked already).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean request(Copr copr, User user, Level level) {
    if (copr.owner.id.equals(user.id)) {
      throw ApiException.badRequest("Owner cannot request permissions for his own project.");
    }
    if (has(copr, user, level) || find(copr, user, level) != null) {
      return false;
    }
    CoprPermissionRequest request = new CoprPermissionRequest();
    request.copr = copr;
    request.user = user;
    request.permission = level;
    request.requestedAt = Instant.now();
    request.persist();
    LOG.infof("copr %s: %s asks for %s", copr.name, user.username, level.wire());
    return true;
  }

  /** The user's request of that level is cancelled and the permission, if they have it, dropped. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean drop(Copr copr, User user, Level level) {
    boolean changed = cancel(copr, user, level);
    var granted = copr.permissionOf(user);
    if (granted.isEmpty()) {
      return changed;
    }
    CoprPermission permission = granted.get();
    if (level == Level.ADMIN && permission.permission == Level.ADMIN) {
      permission.permission = Level.BUILDER;
    } else if (level == Level.BUILDER && permission.permission == Level.BUILDER) {
      copr.permissions.remove(permission);
    } else if (level == Level.BUILDER) {
      throw ApiException.badRequest(
          "an admin of a copr here can always build in it: drop admin too to stop building");
    } else {
      return changed;
    }
    LOG.infof("copr %s: %s gave up %s", copr.name, user.username, level.wire());
    return true;
  }

  /** Removes the request; true when there was one. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean cancel(Copr copr, User user, Level level) {
    CoprPermissionRequest request = find(copr, user, level);
    if (request == null) {
      return false;
    }
    request.delete();
    return true;
  }

  private static boolean has(Copr copr, User user, Level level) {
    return copr.permissionOf(user)
        .filter(p -> p.permission == Level.ADMIN || p.permission == level)
        .isPresent();
  }

  private static CoprPermissionRequest find(Copr copr, User user, Level level) {
    return CoprPermissionRequest.<CoprPermissionRequest>find(
            "copr = ?1 and user = ?2 and permission = ?3", copr, user, level)
        .firstResult();
  }
}
