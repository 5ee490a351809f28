package org.copr.api.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * HTTP Basic and the web login form: {@link Logins} checks the password. The web form passes its
 * request's routing context like HTTP Basic does, so both are throttled by the client's address.
 */
@ApplicationScoped
public class PasswordIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private final Logins logins;

  PasswordIdentityProvider(Logins logins) {
    this.logins = logins;
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    String username = request.getUsername();
    char[] password = request.getPassword().getPassword();
    RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
    String address = http == null ? null : clientAddress(http.request());
    return context.runBlocking(
        () -> {
          Set<String> roles =
              QuarkusTransaction.requiringNew()
                  .call(() -> logins.check(username, password, address).roleSet());
          return QuarkusSecurityIdentity.builder()
              .setPrincipal(new QuarkusPrincipal(username))
              .addRoles(roles)
              .build();
        });
  }

  /** The address the request came from (behind a proxy, as its forwarding headers name it). */
  public static String clientAddress(HttpServerRequest request) {
    return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
  }
}
