package org.copr.api.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.time.Clock;
import java.time.Instant;
import org.copr.api.ApiConfig;
import org.copr.api.user.Caller;
import org.copr.api.user.User;

/** The browser of the current web request: its login, its cookies and its CSRF token. */
@RequestScoped
public class Visitor {
  public static final String CSRF_COOKIE = "copr_csrf";

  private final RoutingContext request;
  private final Signer signer;
  private final Caller caller;
  private final ApiConfig config;
  private final Clock clock;
  private String csrfCookie;

  Visitor(RoutingContext request, Signer signer, Caller caller, ApiConfig config, Clock clock) {
    this.request = request;
    this.signer = signer;
    this.caller = caller;
    this.config = config;
    this.clock = clock;
  }

  public Visit visit() {
    User user = caller.current().orElse(null);
    return new Visit(
        user == null ? null : user.username,
        user != null && user.admin(),
        signer.csrfToken(csrfCookie()),
        request.request().path());
  }

  /** A form's token must match this browser's CSRF cookie; otherwise nothing is done. */
  public void requireCsrf(String token) {
    Cookie cookie = request.request().getCookie(CSRF_COOKIE);
    if (!signer.csrfValid(cookie == null ? null : cookie.getValue(), token)) {
      throw new CsrfRefused();
    }
  }

  /** Sets the session cookie of a user whose password was just checked. */
  public void logIn(String username) {
    logIn(username, User.byName(username).orElseThrow().passwordHash);
  }

  /** Sets the session cookie of a user whose password was just checked. */
  public void logIn(String username, String passwordHash) {
    Instant until = clock.instant().plus(config.web().sessionTtl());
    request
        .response()
        .addCookie(
            cookie(SessionAuthentication.COOKIE, signer.session(username, passwordHash, until))
                .setMaxAge(config.web().sessionTtl().toSeconds()));
  }

  public void logOut() {
    request.response().addCookie(cookie(SessionAuthentication.COOKIE, "").setMaxAge(0));
  }

  private String csrfCookie() {
    if (csrfCookie == null) {
      Cookie cookie = request.request().getCookie(CSRF_COOKIE);
      if (cookie != null && !cookie.getValue().isBlank()) {
        csrfCookie = cookie.getValue();
      } else {
        csrfCookie = signer.newCsrfCookie();
        request.response().addCookie(cookie(CSRF_COOKIE, csrfCookie));
      }
    }
    return csrfCookie;
  }

  private Cookie cookie(String name, String value) {
    return Cookie.cookie(name, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(request.request().isSSL());
  }

  /** A form sent without this browser's CSRF token: possibly another site's doing. */
  public static class CsrfRefused extends RuntimeException {
    CsrfRefused() {
      super("this form is stale or came from another site; reload the page and send it again");
    }
  }
}
