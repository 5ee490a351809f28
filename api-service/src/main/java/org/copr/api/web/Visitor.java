package org.copr.api.web;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.time.Clock;
import org.copr.api.ApiConfig;
import org.copr.api.user.Caller;
import org.copr.api.user.User;
import org.copr.api.user.WebSession;

/** The browser of the current web request: its login, its cookies and its CSRF token. */
@RequestScoped
public class Visitor {
  private final RoutingContext request;
  private final Signer signer;
  private final Caller caller;
  private final SecurityIdentity identity;
  private final ApiConfig config;
  private final Clock clock;
  private String csrfCookie;

  Visitor(
      RoutingContext request,
      Signer signer,
      Caller caller,
      SecurityIdentity identity,
      ApiConfig config,
      Clock clock) {
    this.request = request;
    this.signer = signer;
    this.caller = caller;
    this.identity = identity;
    this.config = config;
    this.clock = clock;
  }

  public Visit visit() {
    User user = caller.current().orElse(null);
    return new Visit(
        user == null ? null : user.username,
        user != null && user.admin(),
        signer.csrfToken(binding()),
        request.request().path());
  }

  /** A form's token must be this session's (or this browser's); otherwise nothing is done. */
  public void requireCsrf(String token) {
    if (!signer.csrfValid(csrfBinding(identity, request.request()), token)) {
      throw new CsrfRefused();
    }
  }

  /**
   * What a CSRF token is bound to: the web session of a logged-in browser, else the browser's
   * random CSRF cookie (the login form's); null when it has neither.
   */
  static String csrfBinding(SecurityIdentity identity, HttpServerRequest request) {
    Object session =
        identity == null ? null : identity.getAttribute(SessionIdentityProvider.SESSION_ID);
    if (session != null) {
      return "session " + session;
    }
    String cookie = WebCookies.value(request, WebCookies.CSRF);
    return cookie == null ? null : "browser " + cookie;
  }

  /** Opens a session for a user whose password was just checked and sets its cookie. */
  public void logIn(String username) {
    WebSession.Opened session =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    WebSession.open(
                        User.byName(username).orElseThrow(),
                        clock.instant(),
                        config.web().sessionTtl()));
    request
        .response()
        .addCookie(
            WebCookies.make(request.request(), WebCookies.SESSION, session.token())
                .setMaxAge(config.web().sessionTtl().toSeconds()));
  }

  /** Ends the session on the server, so that a copy of the cookie is refused too. */
  public void logOut() {
    String token = WebCookies.value(request.request(), WebCookies.SESSION);
    QuarkusTransaction.requiringNew().run(() -> WebSession.end(token));
    request
        .response()
        .addCookie(WebCookies.make(request.request(), WebCookies.SESSION, "").setMaxAge(0));
  }

  /** This browser's binding; a browser with neither a session nor a CSRF cookie gets a cookie. */
  private String binding() {
    String bound = csrfBinding(identity, request.request());
    if (bound != null) {
      return bound;
    }
    if (csrfCookie == null) {
      csrfCookie = signer.newCsrfCookie();
      request.response().addCookie(WebCookies.make(request.request(), WebCookies.CSRF, csrfCookie));
    }
    return "browser " + csrfCookie;
  }

  /** A form sent without this browser's CSRF token: possibly another site's doing. */
  public static class CsrfRefused extends RuntimeException {
    CsrfRefused() {
      super("this form is stale or came from another site; reload the page and send it again");
    }
  }
}
