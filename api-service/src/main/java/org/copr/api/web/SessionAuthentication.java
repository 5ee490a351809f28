package org.copr.api.web;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The web UI's login: a session cookie, honoured on the web pages only. The REST API keeps HTTP
 * Basic alone, so a browser's cookie never authorizes a JSON call that carries no CSRF token.
 */
@ApplicationScoped
public class SessionAuthentication implements HttpAuthenticationMechanism {

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identities) {
    if (!WebPaths.isWeb(context.normalizedPath())) {
      return Uni.createFrom().nullItem();
    }
    String token = WebCookies.value(context.request(), WebCookies.SESSION);
    if (token == null) {
      return Uni.createFrom().nullItem();
    }
    // an ended, expired or unknown session, or a disabled user: simply not logged in
    return identities.authenticate(new SessionRequest(token)).onFailure().recoverWithNull();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Uni<Boolean> sendChallenge(RoutingContext context) {
    return Uni.createFrom().item(false);
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(SessionRequest.class);
  }
}
