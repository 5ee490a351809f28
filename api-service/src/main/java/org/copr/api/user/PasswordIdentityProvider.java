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
 * HTTP Basic and the web login form: {@link Logins} checks the password, or for HTTP Basic an API
 * token in its place (the identity then carries {@link Caller#API_TOKEN}). The web form takes only
 * a password ({@link #PASSWORD_ONLY}): its session would outlive a token's revocation. The web form
 * passes its request's routing context like HTTP Basic does, so both are throttled by the client's
 * address.
 */
@ApplicationScoped
public class PasswordIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  /** Set to {@code true} on a request that must be checked against the password alone. */
  public static final String PASSWORD_ONLY = "copr.password-only";

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
    boolean passwordOnly = Boolean.TRUE.equals(request.getAttribute(PASSWORD_ONLY));
    return context.runBlocking(
        () -> {
          Checked checked =
              QuarkusTransaction.requiringNew()
                  .call(
                      () -> {
                        Login login =
                            passwordOnly
                                ? new Login(logins.check(username, password, address), null)
                                : logins.checkBasic(username, password, address);
                        return new Checked(login.user().roleSet(), login.tokenId());
                      });
          QuarkusSecurityIdentity.Builder identity =
              QuarkusSecurityIdentity.builder()
                  .setPrincipal(new QuarkusPrincipal(username))
                  .addRoles(checked.roles());
          if (checked.tokenId() != null) {
            identity.addAttribute(Caller.API_TOKEN, checked.tokenId());
          }
          return identity.build();
        });
  }

  private record Checked(Set<String> roles, Long tokenId) {}

  /** The address the request came from (behind a proxy, as its forwarding headers name it). */
  public static String clientAddress(HttpServerRequest request) {
    return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
  }
}
