package org.copr.api.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/**
 * The web UI's cookies and their names. Over TLS (the connection's own, or the trusted proxy's
 * {@code X-Forwarded-Proto: https}) they are {@code __Host-} prefixed and {@code Secure}: a browser
 * then keeps them to this exact host, path {@code /}, and never lets a plain-http response or a
 * sibling domain set or overwrite them. Over plain http (the local stack, tests on 127.0.0.1) a
 * browser refuses a {@code __Host-} cookie, so they go without the prefix and without {@code
 * Secure}; a request over TLS never reads the plain-http names, so a cookie planted over http does
 * not count there.
 */
final class WebCookies {
  static final String SESSION = "copr_session";
  static final String CSRF = "copr_csrf";
  private static final String SECURE_PREFIX = "__Host-";

  private WebCookies() {}

  static boolean overTls(HttpServerRequest request) {
    return "https".equalsIgnoreCase(request.scheme());
  }

  /** The name {@code base} has on this request's scheme. */
  static String name(HttpServerRequest request, String base) {
    return overTls(request) ? SECURE_PREFIX + base : base;
  }

  /** The cookie's value as this request's scheme names it; null when absent or blank. */
  static String value(HttpServerRequest request, String base) {
    Cookie cookie = request.getCookie(name(request, base));
    return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
  }

  static Cookie make(HttpServerRequest request, String base, String value) {
    return Cookie.cookie(name(request, base), value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(overTls(request));
  }
}
