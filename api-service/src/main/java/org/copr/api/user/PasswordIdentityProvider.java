package org.copr.api.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.copr.api.ApiConfig;

/** HTTP Basic: the password against the user's bcrypt hash, or against a recent success. */
@ApplicationScoped
public class PasswordIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private final VerifiedLogins verified;

  PasswordIdentityProvider(ApiConfig config) {
    this.verified = new VerifiedLogins(config.auth().cacheTtl(), System::nanoTime);
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
    Optional<Set<String>> known = verified.roles(username, password);
    if (known.isPresent()) {
      return Uni.createFrom().item(identity(username, known.get()));
    }
    return context.runBlocking(
        () -> {
          Set<String> roles =
              QuarkusTransaction.requiringNew()
                  .call(
                      () ->
                          User.byName(username)
                              .filter(u -> BcryptUtil.matches(new String(password), u.passwordHash))
                              .map(User::roleSet)
                              .orElseThrow(AuthenticationFailedException::new));
          verified.remember(username, password, roles);
          return identity(username, roles);
        });
  }

  private static SecurityIdentity identity(String username, Set<String> roles) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(username))
        .addRoles(roles)
        .build();
  }
}
