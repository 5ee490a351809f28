package org.copr.api.web;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The secret of a web session cookie, for {@link SessionIdentityProvider} to look up. */
final class SessionRequest extends BaseAuthenticationRequest {
  private final String token;

  SessionRequest(String token) {
    this.token = token;
  }

  String token() {
    return token;
  }
}
