package org.copr.api.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.copr.api.user.User;

/**
 * The user a valid session cookie names, with the roles the users table gives now; a user disabled
 * since the login, or whose password changed since, is not logged in any more.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
  static final String SESSION = "copr.session";

  private final Signer signer;

  SessionIdentityProvider(Signer signer) {
    this.signer = signer;
  }

  @Override
  public Class<TrustedAuthenticationRequest> getRequestType() {
    return TrustedAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(
        () -> {
          Set<String> roles =
              QuarkusTransaction.requiringNew()
                  .call(
                      () ->
                          User.byName(request.getPrincipal())
                              .filter(u -> !u.disabled && madeWith(request, u))
                              .map(User::roleSet)
                              .orElseThrow(AuthenticationFailedException::new));
          return QuarkusSecurityIdentity.builder()
              .setPrincipal(new QuarkusPrincipal(request.getPrincipal()))
              .addRoles(roles)
              .build();
        });
  }

  private boolean madeWith(TrustedAuthenticationRequest request, User user) {
    return request.getAttribute(SESSION) instanceof Signer.Session session
        && signer.madeWith(session, user.passwordHash);
  }
}
