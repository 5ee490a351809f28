package org.copr.api.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Set;
import org.copr.api.user.WebSession;

/**
 * The user of a live session (its row exists and has not expired), with the roles the users table
 * gives now; a user disabled since the login is not logged in any more. The identity carries the
 * session's id ({@link #SESSION_ID}), to which the page's CSRF tokens are bound.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
  /** Identity attribute: the id of the web session the request came with. */
  public static final String SESSION_ID = "copr.web-session";

  private final Clock clock;

  SessionIdentityProvider(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Class<SessionRequest> getRequestType() {
    return SessionRequest.class;
  }

  private record Found(String username, Set<String> roles, long sessionId) {}

  @Override
  public Uni<SecurityIdentity> authenticate(
      SessionRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(
        () -> {
          Found found =
              QuarkusTransaction.requiringNew()
                  .call(
                      () ->
                          WebSession.live(request.token(), clock.instant())
                              .filter(s -> !s.user.disabled)
                              .map(s -> new Found(s.user.username, s.user.roleSet(), s.id))
                              .orElseThrow(AuthenticationFailedException::new));
          return QuarkusSecurityIdentity.builder()
              .setPrincipal(new QuarkusPrincipal(found.username()))
              .addRoles(found.roles())
              .addAttribute(SESSION_ID, found.sessionId())
              .build();
        });
  }
}
