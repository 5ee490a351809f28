package org.copr.api.v3;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.copr.api.Api;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api_3/api-token}: copr-cli's new-api-token replaces the token it was called with.
 */
@QuarkusTest
class V3ApiTokenTest {
  @Test
  void theNewTokenWorksAndTheOldOneIsRefused() {
    V3Clients.Login old = V3Clients.newLogin("v3token");
    Map<String, Object> answer =
        old.authenticated()
            .post("/api_3/api-token")
            .then()
            .statusCode(200)
            .body("api_login", equalTo(old.username()))
            .body("api_token", matchesPattern("copr_[A-Za-z0-9_-]{59}"))
            .body("expiration", equalTo(LocalDate.now(ZoneOffset.UTC).plusDays(180).toString()))
            .extract()
            .jsonPath()
            .getMap("");
    assertEquals(3, answer.size());
    V3Clients.Login renewed = new V3Clients.Login(old.username(), (String) answer.get("api_token"));

    old.authenticated().get("/api_3/auth-check").then().statusCode(401);
    renewed
        .authenticated()
        .get("/api_3/auth-check")
        .then()
        .statusCode(200)
        .body("name", equalTo(old.username()));

    // it is one of the user's tokens (same name as the one it replaced), and can be revoked
    List<Map<String, Object>> tokens =
        Api.as(old.username())
            .get("/users/me/tokens")
            .then()
            .statusCode(200)
            .extract()
            .path("items");
    assertEquals(1, tokens.size(), tokens.toString());
    assertEquals("copr-cli", tokens.get(0).get("name"));
    Api.as(old.username())
        .delete("/users/me/tokens/{id}", tokens.get(0).get("id"))
        .then()
        .statusCode(204);
    renewed.authenticated().get("/api_3/auth-check").then().statusCode(401);
  }

  @Test
  void ourOwnTokenRouteStillRefusesTokens() {
    V3Clients.Login login = V3Clients.newLogin("v3token");
    login
        .authenticated()
        .contentType("application/json")
        .body("{}")
        .post("/users/me/tokens")
        .then()
        .statusCode(403);
    V3Clients.plain()
        .post("/api_3/api-token")
        .then()
        .statusCode(401)
        .body("error", org.hamcrest.Matchers.startsWith("Login invalid/expired."));
  }
}
