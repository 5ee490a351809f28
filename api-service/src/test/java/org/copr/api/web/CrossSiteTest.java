package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.copr.api.DbState;
import org.copr.api.Rpms;
import org.copr.contracts.rest.ClientHeader;
import org.junit.jupiter.api.Test;

/**
 * What a page of another site can make a browser send to the REST API (a form's content types or no
 * body, no header of its own, cached HTTP Basic credentials) is refused and changes nothing; our
 * CLI (the client header) and API tokens (Fedora's copr-cli) keep working.
 */
@QuarkusTest
class CrossSiteTest {
  @Inject DbState db;

  /** A browser that holds the user's Basic credentials: it sends them along, and nothing else. */
  private static RequestSpecification browserWithBasic(String user) {
    return anonymous().auth().preemptive().basic(user, password(user));
  }

  private static long pendingBuild(String owner, String copr) {
    return upload(owner, copr, Rpms.srpm(unique("pkg"), "1.0"))
        .then()
        .statusCode(202)
        .extract()
        .jsonPath()
        .getLong("builds[0].id");
  }

  private static String token(String user) {
    return as(user)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "copr-cli"))
        .post("/users/me/tokens")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }

  @Test
  void formShapedRequestsWithCachedBasicCredentialsAreRefusedAndChangeNothing() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    long build = pendingBuild(alice, copr);

    for (String type : List.of("application/x-www-form-urlencoded", "text/plain; charset=UTF-8")) {
      db.refuses(
          403,
          "forbidden",
          () ->
              browserWithBasic(alice)
                  .contentType(type)
                  .body("reason=x")
                  .post("/builds/{id}/cancel", build));
    }
    db.refuses(403, "forbidden", () -> browserWithBasic(alice).post("/builds/{id}/cancel", build));
    db.refuses(
        403,
        "forbidden",
        () ->
            browserWithBasic(alice)
                .multiPart("srpm", Rpms.srpm(unique("pkg"), "1.0").toFile())
                .post("/coprs/{copr}/packages", copr));
    db.refuses(
        403,
        "forbidden",
        () ->
            browserWithBasic(alice)
                .contentType("text/plain")
                .body("{\"name\": \"" + unique("x") + "\", \"releases\": [\"fedora-40\"]}")
                .post("/coprs"));
    db.refuses(403, "forbidden", () -> browserWithBasic(alice).delete("/coprs/{c}", copr));
    // the refusal says what to send instead
    error(browserWithBasic(alice).post("/builds/{id}/cancel", build), 403, "forbidden")
        .body("detail", containsString(ClientHeader.NAME));

    anonymous()
        .get("/builds/{id}", build)
        .then()
        .statusCode(200)
        .body("cancel_requested_at", org.hamcrest.Matchers.nullValue());
    anonymous().get("/coprs/{c}", copr).then().statusCode(200);
  }

  @Test
  void ourClientsHeaderOrAnApiTokenKeepsEveryShapeWorking() {
    String bob = newUser("bob");
    String copr = newCopr(bob, List.of("fedora-40"), List.of("x86_64"));
    String apiToken = token(bob);

    // copr-cli with a token: multipart upload, a POST without a body, a DELETE
    Response uploaded =
        anonymous()
            .auth()
            .preemptive()
            .basic(bob, apiToken)
            .multiPart("srpm", Rpms.srpm(unique("pkg"), "1.0").toFile())
            .post("/coprs/{copr}/packages", copr);
    assertThat(uploaded.statusCode()).as(uploaded.body().asString()).isEqualTo(202);
    long build = uploaded.jsonPath().getLong("builds[0].id");
    anonymous()
        .auth()
        .preemptive()
        .basic(bob, apiToken)
        .post("/builds/{id}/cancel", build)
        .then()
        .statusCode(202);

    // our CLI with the password: the header
    long other = pendingBuild(bob, copr);
    browserWithBasic(bob)
        .header(ClientHeader.NAME, "copr-cli/test")
        .post("/builds/{id}/cancel", other)
        .then()
        .statusCode(202);
    // JSON, which no page of another site can send without asking first
    String json = unique("json");
    browserWithBasic(bob)
        .contentType(ContentType.JSON)
        .body(Map.of("name", json, "releases", List.of("fedora-40")))
        .post("/coprs")
        .then()
        .statusCode(201);
  }

  @Test
  void aBrowserIsNeverAskedForBasicCredentials() {
    Response page =
        anonymous().header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").get("/users/me");
    Response json = anonymous().header("Accept", "application/json").get("/users/me");

    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.header("WWW-Authenticate")).isNull();
    assertThat(json.statusCode()).isEqualTo(401);
    assertThat(json.header("WWW-Authenticate")).startsWith("Basic");
  }
}
