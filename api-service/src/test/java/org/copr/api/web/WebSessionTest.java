package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;
import static org.copr.api.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Web sessions live on the server: a copied cookie is refused once its session ended, a CSRF token
 * holds for its own session only, and behind TLS the cookies are {@code __Host-} and {@code
 * Secure}. Its own profile: 127.0.0.1 is trusted as the TLS-ending proxy here, as an Ingress is in
 * production.
 */
@QuarkusTest
@TestProfile(WebSessionTest.BehindProxy.class)
class WebSessionTest {
  public static class BehindProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true",
          "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
  }

  private static Browser copyOf(Browser browser) {
    Browser copy = new Browser();
    copy.cookies.putAll(browser.cookies);
    copy.headers.putAll(browser.headers);
    return copy;
  }

  private static Browser overTls() {
    Browser b = new Browser();
    b.headers.put("X-Forwarded-Proto", "https");
    return b;
  }

  @Test
  void aCopiedSessionCookieIsRefusedAfterLogout() {
    String amy = newUser("amy");
    Browser browser = new Browser().logIn(amy, password(amy));
    Browser thief = copyOf(browser);
    String thiefsToken = thief.csrf("/new-copr");
    assertThat(thief.get("/").body().asString()).contains(amy).contains("Log out");

    browser.post("/", "/logout", Map.of()).then().statusCode(303);

    assertThat(thief.get("/").body().asString()).doesNotContain(amy).contains("Log in");
    assertThat(thief.get("/new-copr").statusCode()).isEqualTo(303);
    String name = unique("stolen");
    Response r =
        thief.postWithout(
            "/new-copr",
            Map.of("name", name, "releases", "fedora-40", "arches", "x86_64", "csrf", thiefsToken));
    assertThat(r.statusCode()).isIn(303, 403);
    anonymous().get("/coprs/{c}", name).then().statusCode(404);
  }

  @Test
  void aCsrfTokenOfAnotherSessionIsRefused() {
    String mallory = newUser("mallory");
    String victim = newUser("victim");
    String mallorysToken = new Browser().logIn(mallory, password(mallory)).csrf("/new-copr");
    Browser browser = new Browser().logIn(victim, password(victim));
    // before the login, the token belonged to the browser's CSRF cookie; now to the session
    Browser before = new Browser();
    String anonymousToken = before.csrf("/login");
    before.logIn(victim, password(victim));
    String name = unique("planted");

    for (String token : new String[] {mallorysToken, anonymousToken}) {
      Browser b = token.equals(anonymousToken) ? before : browser;
      Response r =
          b.postWithout(
              "/new-copr",
              Map.of("name", name, "releases", "fedora-40", "arches", "x86_64", "csrf", token));
      assertThat(r.statusCode()).isEqualTo(403);
    }
    anonymous().get("/coprs/{c}", name).then().statusCode(404);
    // its own token works
    browser
        .post("/new-copr", "/new-copr", Map.of("name", name, "releases", "fedora-40"))
        .then()
        .statusCode(303);
    anonymous().get("/coprs/{c}", name).then().statusCode(200);
  }

  @Test
  void anOldSessionCookieIsRefusedAfterAPasswordChangeOnEveryBrowser() {
    String lou = newUser("lou");
    Browser laptop = new Browser().logIn(lou, password(lou));
    Browser phone = overTls().logIn(lou, password(lou));

    as(lou)
        .contentType(ContentType.JSON)
        .body(Map.of("current_password", password(lou), "new_password", "lou-second-password"))
        .put("/users/me/password")
        .then()
        .statusCode(204);

    assertThat(laptop.get("/").body().asString()).doesNotContain(lou);
    assertThat(phone.get("/").body().asString()).doesNotContain(lou);
  }

  @Test
  void behindTlsTheCookiesAreHostPrefixedAndSecure() {
    String tia = newUser("tia");
    Browser browser = overTls();
    String token = browser.csrf("/login");
    assertThat(browser.cookies).containsKey("__Host-copr_csrf").doesNotContainKey("copr_csrf");

    Response login =
        browser.postWithout(
            "/login",
            Map.of("username", tia, "password", password(tia), "next", "/", "csrf", token));

    assertThat(login.statusCode()).isEqualTo(303);
    Cookie session = login.detailedCookie("__Host-copr_session");
    assertThat(session.getValue()).isNotBlank();
    assertThat(session.isSecured()).isTrue();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
    assertThat(session.getPath()).isEqualTo("/");
    assertThat(session.getDomain()).isNull();
    assertThat(browser.get("/").body().asString()).contains(tia);

    // the same cookies over plain http are not read: that name is the TLS one
    Browser plain = copyOf(browser);
    plain.headers.clear();
    assertThat(plain.get("/").body().asString()).doesNotContain(tia);
    // and a cookie of the plain-http name does not count over TLS
    Browser http = new Browser().logIn(tia, password(tia));
    Map<String, String> planted = new HashMap<>(http.cookies);
    Browser tls = overTls();
    tls.cookies.putAll(planted);
    assertThat(tls.get("/").body().asString()).doesNotContain(tia);
  }

  @Test
  void overPlainHttpTheCookiesHaveNoPrefixAndNoSecure() {
    String ned = newUser("ned");
    Browser browser = new Browser();
    String token = browser.csrf("/login");

    Response login =
        browser.postWithout(
            "/login",
            Map.of("username", ned, "password", password(ned), "next", "/", "csrf", token));

    Cookie session = login.detailedCookie("copr_session");
    assertThat(session.isSecured()).isFalse();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
    assertThat(browser.cookies).doesNotContainKey("__Host-copr_session");
  }
}
