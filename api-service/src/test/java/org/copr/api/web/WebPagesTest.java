package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.ADMIN;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;
import static org.copr.api.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.copr.api.Rpms;
import org.junit.jupiter.api.Test;

/** The web pages over real PostgreSQL and Kafka: rendering, escaping, logins, CSRF. */
@QuarkusTest
class WebPagesTest {

  @Test
  void aVisitorReadsPagesWithoutWriteControls() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Browser visitor = new Browser();

    Response home = visitor.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.contentType()).startsWith("text/html");
    assertThat(home.body().asString()).contains("Log in").doesNotContain("New copr");

    String overview = visitor.get("/copr/" + copr).body().asString();
    assertThat(overview)
        .contains("<h1>" + copr + "</h1>")
        .contains("/coprs/" + copr + "/repo/fedora-40.repo")
        .contains("sudo dnf install")
        .doesNotContain("Settings")
        .doesNotContain("Upload SRPM")
        .doesNotContain("method=\"post\" action=\"/copr");
    assertThat(visitor.get("/copr/" + copr + "/settings").statusCode()).isEqualTo(303);
    assertThat(visitor.get("/copr/no-such-copr").statusCode()).isEqualTo(404);
    assertThat(visitor.get("/queue").statusCode()).isEqualTo(200);
  }

  @Test
  void aFormLoginSetsAnHttpOnlySameSiteCookieThatTheJsonApiIgnores() {
    String bob = newUser("bob");
    Browser browser = new Browser();
    String token = browser.csrf("/login");

    Response login =
        browser.postWithout(
            "/login",
            Map.of("username", bob, "password", password(bob), "next", "/queue", "csrf", token));

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.header("Location")).endsWith("/queue");
    Cookie session = login.detailedCookie("copr_session");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
    assertThat(browser.get("/").body().asString()).contains(bob).contains("Log out");
    // the session is the web pages' alone: the JSON API wants HTTP Basic
    anonymous()
        .cookies(browser.cookies)
        .contentType(ContentType.JSON)
        .body(Map.of("name", unique("x"), "releases", List.of("fedora-40")))
        .post("/coprs")
        .then()
        .statusCode(401);

    browser.post("/", "/logout", Map.of());
    assertThat(browser.get("/").body().asString()).doesNotContain("Log out");
  }

  @Test
  void aWrongPasswordShowsWhyAndLogsNobodyIn() {
    String carol = newUser("carol");
    Browser browser = new Browser();

    Response r = browser.post("/login", "/login", Map.of("username", carol, "password", "not-it"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body().asString()).contains("wrong username or password");
    assertThat(browser.cookies).doesNotContainKey("copr_session");
  }

  @Test
  void anApiTokenDoesNotLogIntoTheWebForm() {
    String tom = newUser("tom");
    String apiToken =
        as(tom)
            .contentType(ContentType.JSON)
            .body(Map.of())
            .post("/users/me/tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    Browser browser = new Browser();

    // a session would outlive the token's revocation: the form takes the password alone
    Response r = browser.post("/login", "/login", Map.of("username", tom, "password", apiToken));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body().asString()).contains("wrong username or password");
    assertThat(browser.cookies).doesNotContainKey("copr_session");
  }

  @Test
  void repeatedWrongPasswordsStopTheFormLoginForAWhile() {
    String judy = newUser("judy");
    Browser browser = new Browser();
    // copr.api.auth.throttle.failures-per-user is 5 by default
    for (int i = 0; i < 5; i++) {
      browser.post("/login", "/login", Map.of("username", judy, "password", "guess-" + i));
    }

    Response r =
        browser.post("/login", "/login", Map.of("username", judy, "password", password(judy)));

    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 600L);
    assertThat(r.body().asString()).contains("too many failed logins");
    assertThat(browser.cookies).doesNotContainKey("copr_session");
  }

  @Test
  void aDisabledUsersSessionStopsAtOnceAndWorksAgainWhenReEnabled() {
    String kim = newUser("kim");
    Browser browser = new Browser().logIn(kim, password(kim));
    assertThat(browser.get("/").body().asString()).contains(kim).contains("Log out");

    as(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("disabled", true))
        .put("/users/{u}", kim)
        .then()
        .statusCode(200);

    assertThat(browser.get("/").body().asString()).doesNotContain(kim).contains("Log in");
    assertThat(browser.get("/new-copr").statusCode()).isEqualTo(303);
    Response again =
        browser.post("/login", "/login", Map.of("username", kim, "password", password(kim)));
    assertThat(again.statusCode()).isEqualTo(401);

    as(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("disabled", false))
        .put("/users/{u}", kim)
        .then()
        .statusCode(200);
    assertThat(browser.get("/").body().asString()).contains(kim);
  }

  @Test
  void aPasswordChangeEndsEveryWebSessionOfTheUser() {
    String lee = newUser("lee");
    Browser stolen = new Browser().logIn(lee, password(lee));
    assertThat(stolen.get("/").body().asString()).contains(lee).contains("Log out");

    as(lee)
        .contentType(ContentType.JSON)
        .body(Map.of("current_password", password(lee), "new_password", "lee-second-password"))
        .put("/users/me/password")
        .then()
        .statusCode(204);

    assertThat(stolen.get("/").body().asString()).doesNotContain(lee).contains("Log in");
    assertThat(stolen.get("/new-copr").statusCode()).isEqualTo(303);
    Browser fresh = new Browser().logIn(lee, "lee-second-password");
    assertThat(fresh.get("/").body().asString()).contains(lee).contains("Log out");
  }

  @Test
  void aPostWithoutTheCsrfTokenChangesNothing() {
    String dave = newUser("dave");
    Browser browser = new Browser().logIn(dave, password(dave));
    String name = unique("csrf");

    Response r =
        browser.postWithout(
            "/new-copr", Map.of("name", name, "releases", "fedora-40", "arches", "x86_64"));
    Response forged =
        browser.postWithout(
            "/new-copr",
            Map.of("name", name, "releases", "fedora-40", "arches", "x86_64", "csrf", "forged"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(forged.statusCode()).isEqualTo(403);
    anonymous().get("/coprs/{name}", name).then().statusCode(404);
  }

  @Test
  void aCoprMadeWithTheFormShowsItsDescriptionAsText() {
    String erin = newUser("erin");
    Browser browser = new Browser().logIn(erin, password(erin));
    String name = unique("web");

    Response created =
        browser.post(
            "/new-copr",
            "/new-copr",
            Map.of(
                "name", name,
                "description", "<script>alert('x')</script> & more",
                "releases", "fedora-40, epel-9",
                "arches", "x86_64"));

    assertThat(created.statusCode()).isEqualTo(303);
    String page = browser.get("/copr/" + name).body().asString();
    assertThat(page)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
        .doesNotContain("<script>alert")
        .contains("Settings");
    as(erin).get("/coprs/{name}", name).then().statusCode(200);
  }

  @Test
  void badFormInputIsShownOnThePageAndChangesNothing() {
    String frank = newUser("frank");
    Browser browser = new Browser().logIn(frank, password(frank));
    String name = unique("bad");

    Response r =
        browser.post(
            "/new-copr",
            "/new-copr",
            Map.of("name", name, "releases", "Fedora 40!", "arches", "x86_64"));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body().asString()).contains("bad release").contains("value=\"" + name + "\"");
    anonymous().get("/coprs/{name}", name).then().statusCode(404);

    String copr = newCopr(frank, List.of("fedora-40"), List.of("x86_64"));
    Response edit =
        browser.post(
            "/copr/" + copr + "/settings",
            "/copr/" + copr + "/edit",
            Map.of("description", "new", "releases", "", "arches", "x86_64"));
    assertThat(edit.statusCode()).isEqualTo(422);
    assertThat(edit.body().asString()).contains("releases is required");
    as(frank)
        .get("/coprs/{name}", copr)
        .then()
        .body("description", org.hamcrest.Matchers.equalTo("test copr " + copr));
  }

  @Test
  void managersGrantRevokeAndDeleteWithConfirmation() {
    String gina = newUser("gina");
    String helper = newUser("helper");
    String copr = newCopr(gina, List.of("fedora-40"), List.of("x86_64"));
    Browser browser = new Browser().logIn(gina, password(gina));
    String settings = "/copr/" + copr + "/settings";

    assertThat(
            browser
                .post(
                    settings,
                    "/copr/" + copr + "/grant",
                    Map.of("username", helper, "permission", "builder"))
                .statusCode())
        .isEqualTo(303);
    as(gina)
        .get("/coprs/{name}", copr)
        .then()
        .body("permissions[0].username", org.hamcrest.Matchers.equalTo(helper));
    assertThat(browser.get(settings).body().asString()).contains(helper);

    Browser helperBrowser = new Browser().logIn(helper, password(helper));
    assertThat(helperBrowser.get("/copr/" + copr).body().asString())
        .contains("Upload SRPM")
        .doesNotContain("Settings");
    assertThat(helperBrowser.get(settings).statusCode()).isEqualTo(403);

    browser.post(settings, "/copr/" + copr + "/revoke", Map.of("username", helper));
    as(gina).get("/coprs/{name}", copr).then().body("permissions", org.hamcrest.Matchers.empty());

    Response unconfirmed =
        browser.post(settings, "/copr/" + copr + "/delete", Map.of("confirm", "nope"));
    assertThat(unconfirmed.statusCode()).isEqualTo(422);
    anonymous().get("/coprs/{name}", copr).then().statusCode(200);
    browser.post(settings, "/copr/" + copr + "/delete", Map.of("confirm", copr));
    anonymous().get("/coprs/{name}", copr).then().statusCode(404);
  }

  @Test
  void anAdminGranteeEditsTheSettingsButOnlyTheOwnerDeletesEvenWithDependents() {
    String hana = newUser("hana");
    String ivan = newUser("ivan");
    String stranger = newUser("stranger");
    String copr = newCopr(hana, List.of("fedora-40"), List.of("x86_64"));
    String theirs = newCopr(stranger, List.of("fedora-40"), List.of("x86_64"));
    as(stranger)
        .contentType(ContentType.JSON)
        .body(Map.of("dependencies", List.of(copr)))
        .post("/coprs/{name}/add_dependencies", theirs)
        .then()
        .statusCode(200);
    as(hana)
        .contentType(ContentType.JSON)
        .body(Map.of("username", ivan, "permission", "admin"))
        .post("/coprs/{name}/grant", copr)
        .then()
        .statusCode(200);
    String settings = "/copr/" + copr + "/settings";

    Browser grantee = new Browser().logIn(ivan, password(ivan));
    assertThat(grantee.get(settings).body().asString())
        .contains("id=\"grant\"")
        .doesNotContain("<option value=\"admin\">")
        .doesNotContain("id=\"delete-copr\"");
    Response edited =
        grantee.post(
            settings,
            "/copr/" + copr + "/edit",
            Map.of("description", "by ivan", "releases", "fedora-40", "arches", "x86_64"));
    assertThat(edited.statusCode()).isEqualTo(303);
    Response refused = grantee.post(settings, "/copr/" + copr + "/delete", Map.of("confirm", copr));
    assertThat(refused.statusCode()).isEqualTo(403);
    anonymous().get("/coprs/{name}", copr).then().statusCode(200);

    Browser owner = new Browser().logIn(hana, password(hana));
    assertThat(owner.get(settings).body().asString())
        .contains("<option value=\"admin\">")
        .contains("id=\"delete-copr\"");
    Response deleted = owner.post(settings, "/copr/" + copr + "/delete", Map.of("confirm", copr));
    assertThat(deleted.statusCode()).isEqualTo(303);
    anonymous().get("/coprs/{name}", copr).then().statusCode(404);
    anonymous()
        .get("/coprs/{name}", theirs)
        .then()
        .statusCode(200)
        .body("dependencies", org.hamcrest.Matchers.empty());
  }

  @Test
  void anUploadedSrpmShowsItsBuildsAndTheirPages() {
    String ivan = newUser("ivan");
    String copr = newCopr(ivan, List.of("fedora-40"), List.of("x86_64"));
    Browser browser = new Browser().logIn(ivan, password(ivan));

    Response upload = browser.upload(copr, Rpms.srpm("web-hello", "1.0").toFile());

    assertThat(upload.statusCode()).isEqualTo(303);
    assertThat(upload.header("Location")).contains("/copr/" + copr + "/builds?package=web-hello");
    long id =
        as(ADMIN)
            .get("/coprs/{copr}/builds", copr)
            .then()
            .extract()
            .jsonPath()
            .getLong("items[0].id");
    String builds = browser.get("/copr/" + copr + "/builds?package=web-hello").body().asString();
    assertThat(builds).contains("/build/" + id).contains("state-pending");
    String page = browser.get("/build/" + id).body().asString();
    assertThat(page)
        .contains("web-hello")
        .contains("fedora-40-x86_64")
        .contains("data-hx-get=\"/build/" + id + "/live?attempt=0&amp;offset=0\"")
        .contains("Cancel this build");
    assertThat(browser.get("/build/" + id + "/live?attempt=0&offset=0").body().asString())
        .contains("id=\"build-live\"");
    assertThat(browser.get("/copr/" + copr + "/package/web-hello").body().asString())
        .contains("1.0-1")
        .contains("Delete package");
    assertThat(new Browser().get("/build/" + id).body().asString()).doesNotContain("Cancel");
    assertThat(browser.get("/build/" + id + "/log/1").statusCode()).isEqualTo(404);

    Response cancel = browser.post("/build/" + id, "/build/" + id + "/cancel", Map.of());
    assertThat(cancel.statusCode()).isEqualTo(303);
    as(ivan)
        .get("/builds/{id}", id)
        .then()
        .body("cancel_requested_at", org.hamcrest.Matchers.notNullValue());
    assertThat(browser.get("/build/" + id).body().asString())
        .contains("cancel requested")
        .doesNotContain("Cancel this build");
  }

  @Test
  void forwardedHeadersOfAPeerThatIsNoTrustedProxyCountForNothing() {
    // this profile trusts no proxy: X-Forwarded-* from 127.0.0.1 are the client's own words
    String uma = newUser("uma");
    Browser browser = new Browser();
    browser.headers.put("X-Forwarded-Proto", "https");
    browser.headers.put("X-Forwarded-For", "203.0.113.9");
    for (int i = 0; i < 5; i++) {
      browser.post("/login", "/login", Map.of("username", uma, "password", "guess-" + i));
    }
    browser.headers.put("X-Forwarded-For", "198.51.100.11");

    Response r =
        browser.post("/login", "/login", Map.of("username", uma, "password", password(uma)));

    // the guesses came from 127.0.0.1, whatever they said, and so does this login
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(browser.cookies).doesNotContainKey("__Host-copr_csrf").containsKey("copr_csrf");
  }
}
