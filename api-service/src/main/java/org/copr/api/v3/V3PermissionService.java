package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.copr.api.copr.Copr;
import org.copr.api.copr.CoprPermission.Level;
import org.copr.api.copr.CoprPermissionRequest;
import org.copr.api.copr.CoprRequests.Grant;
import org.copr.api.copr.CoprService;
import org.copr.api.copr.PermissionRequests;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;
import org.copr.api.user.User;

/**
 * API v3's permissions: per user a {@code builder} and an {@code admin} state, {@code nothing},
 * {@code request} or {@code approved}. Ours are grants ({@code builder}, or {@code admin}, which
 * builds too) plus the requests users made; setting {@code approved} is our grant, made by {@link
 * CoprService} with its rules.
 */
@ApplicationScoped
public class V3PermissionService {
  static final String NOTHING = "nothing";
  static final String REQUEST = "request";
  static final String APPROVED = "approved";

  private final V3Coprs coprs;
  private final CoprService coprService;
  private final PermissionRequests requests;
  private final Caller caller;

  V3PermissionService(
      V3Coprs coprs, CoprService coprService, PermissionRequests requests, Caller caller) {
    this.coprs = coprs;
    this.coprService = coprService;
    this.requests = requests;
    this.caller = caller;
  }

  /** One user's two states. */
  public record Roles(String admin, String builder) {}

  @Transactional
  public Map<String, Map<String, Roles>> get(String ownername, String projectname) {
    User me = caller.require();
    Copr copr = coprs.require(ownername, projectname);
    if (!copr.canManage(me)) {
      throw ApiException.forbidden(
          "User '"
              + me.username
              + "' can not see permissions for project '"
              + ownername
              + "/"
              + projectname
              + "' (missing admin rights)");
    }
    Map<String, Roles> all = roles(copr);
    if (all.isEmpty()) {
      throw ApiException.notFound(
          "No permissions set on " + ownername + "/" + projectname + " project");
    }
    return Map.of("permissions", all);
  }

  /** All or nothing: one refused change leaves every user as they were. */
  @Transactional
  public Map<String, List<String>> set(
      String ownername, String projectname, Map<String, Map<String, String>> body) {
    User me = caller.require();
    Copr copr = coprs.require(ownername, projectname);
    if (!copr.canManage(me)) {
      throw ApiException.forbidden(V3ProjectService.NOT_MANAGER);
    }
    if (body == null || body.isEmpty()) {
      throw ApiException.badRequest("No permission to set");
    }
    Map<String, Roles> current = roles(copr);
    List<String> updated = new ArrayList<>();
    for (var entry : body.entrySet()) {
      String username = entry.getKey();
      User user =
          User.byName(username)
              .orElseThrow(() -> ApiException.badRequest("User '" + username + "' doesn't exist"));
      Map<String, String> asked = entry.getValue() == null ? Map.of() : entry.getValue();
      asked.keySet().forEach(role -> level(role, " for " + username));
      Roles before = current.getOrDefault(username, new Roles(NOTHING, NOTHING));
      String builder = state(asked.getOrDefault("builder", before.builder()), username);
      String admin = state(asked.getOrDefault("admin", before.admin()), username);
      apply(copr, user, builder, admin);
      updated.add(username);
    }
    return Map.of("updated", updated);
  }

  /** {@code true} asks for a role, {@code false} cancels the request or gives the role up. */
  @Transactional
  public Map<String, Boolean> request(
      String ownername, String projectname, Map<String, Boolean> body) {
    User me = caller.require();
    Copr copr = coprs.require(ownername, projectname);
    if (body == null || body.isEmpty()) {
      throw ApiException.badRequest("send {\"builder\": true|false, \"admin\": true|false}");
    }
    body.keySet().forEach(role -> level(role, ""));
    boolean updated = false;
    for (String role : List.of("admin", "builder")) {
      Boolean wanted = body.get(role);
      if (wanted == null) {
        continue;
      }
      Level level = level(role, "");
      updated |= wanted ? requests.request(copr, me, level) : requests.drop(copr, me, level);
    }
    return Map.of("updated", updated);
  }

  @Transactional
  public Map<String, Object> canBuildIn(String who, String ownername, String projectname) {
    Copr copr = coprs.require(ownername, projectname);
    User user =
        User.byName(who)
            .orElseThrow(() -> ApiException.notFound("User '" + who + "' does not exist."));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("who", who);
    answer.put("ownername", ownername);
    answer.put("projectname", projectname);
    answer.put("can_build_in", copr.canBuild(user));
    return answer;
  }

  private void apply(Copr copr, User user, String builder, String admin) {
    Optional<Level> granted = copr.permissionOf(user).map(p -> p.permission);
    Level wanted =
        admin.equals(APPROVED) ? Level.ADMIN : builder.equals(APPROVED) ? Level.BUILDER : null;
    if (wanted == null && granted.isPresent()) {
      coprService.revoke(copr.name, new Grant(user.username, null));
    } else if (wanted != null && granted.orElse(null) != wanted) {
      coprService.grant(copr.name, new Grant(user.username, wanted.wire()));
    }
    request(copr, user, Level.ADMIN, admin.equals(REQUEST));
    request(copr, user, Level.BUILDER, builder.equals(REQUEST) && wanted == null);
  }

  private void request(Copr copr, User user, Level level, boolean asked) {
    if (asked) {
      requests.request(copr, user, level);
    } else {
      requests.cancel(copr, user, level);
    }
  }

  /** A role's name in a v3 body: {@code builder} or {@code admin}, our two levels. */
  private static Level level(String role, String whose) {
    return Level.parse(role)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "Unknown permission '" + role + "'" + whose + ": builder or admin"));
  }

  private static String state(String value, String username) {
    if (!value.equals(NOTHING) && !value.equals(REQUEST) && !value.equals(APPROVED)) {
      throw ApiException.badRequest(
          "Permission of "
              + username
              + " must be nothing, request or approved, not '"
              + value
              + "'");
    }
    return value;
  }

  private Map<String, Roles> roles(Copr copr) {
    Map<String, Roles> all = new TreeMap<>();
    copr.permissions.forEach(
        p ->
            all.put(
                p.user.username,
                new Roles(p.permission == Level.ADMIN ? APPROVED : NOTHING, APPROVED)));
    for (CoprPermissionRequest r : requests.of(copr)) {
      Roles before = all.getOrDefault(r.user.username, new Roles(NOTHING, NOTHING));
      all.put(
          r.user.username,
          r.permission == Level.ADMIN
              ? new Roles(before.admin().equals(APPROVED) ? APPROVED : REQUEST, before.builder())
              : new Roles(before.admin(), before.builder().equals(APPROVED) ? APPROVED : REQUEST));
    }
    return all;
  }
}
