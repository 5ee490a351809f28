package org.copr.api.web;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The web UI's login: a signed session cookie, honoured on the web pages only. The REST API keeps
 * HTTP Basic alone, so a browser's cookie never authorizes a JSON call that carries no CSRF token.
 */
@ApplicationScoped
public class SessionAuthentication implements HttpAuthenticationMechanism {
  static final String COOKIE = "copr_session";

  private final Signer signer;
  private final Clock clock;

  SessionAuthentication(Signer signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identities) {
    if (!WebPaths.isWeb(context.normalizedPath())) {
      return Uni.createFrom().nullItem();
    }
    Cookie cookie = context.request().getCookie(COOKIE);
    Optional<Signer.Session> session =
        signer.session(cookie == null ? null : cookie.getValue(), clock.instant());
    if (session.isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    TrustedAuthenticationRequest request =
        new TrustedAuthenticationRequest(session.get().username());
    request.setAttribute(SessionIdentityProvider.SESSION, session.get());
    // a user deleted since the login is simply not logged in any more
    return identities.authenticate(request).onFailure().recoverWithNull();
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
    return Set.of(TrustedAuthenticationRequest.class);
  }
}
