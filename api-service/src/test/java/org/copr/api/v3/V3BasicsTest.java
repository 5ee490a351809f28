package org.copr.api.v3;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What every /api_3 route shares: the home, slashes, and errors as Fedora's clients read them. */
@QuarkusTest
class V3BasicsTest {
  @Test
  void homeAnswersWithAndWithoutTheSlash() {
    V3Clients.plain().get("/api_3/").then().statusCode(200).body("version", equalTo(3));
    V3Clients.plain().get("/api_3").then().statusCode(200).body("version", equalTo(3));
  }

  @Test
  void anUnknownRouteIsAJsonErrorTheClientPrints() {
    V3Clients.plain()
        .get("/api_3/no-such-thing/")
        .then()
        .statusCode(404)
        .body("error", equalTo("Such API endpoint doesn't exist"));
  }

  @Test
  void authCheckNamesTheTokensUser() {
    V3Clients.Login login = V3Clients.newLogin("v3basic");
    login
        .authenticated()
        .get("/api_3/auth-check/")
        .then()
        .statusCode(200)
        .body("name", equalTo(login.username()))
        .body("id", org.hamcrest.Matchers.instanceOf(Integer.class))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("error")));
  }

  @Test
  void aWrongTokenIs401WithTheSentence() {
    V3Clients.Login login = V3Clients.newLogin("v3basic");
    new V3Clients.Login(login.username(), "not-" + login.token())
        .authenticated()
        .get("/api_3/auth-check")
        .then()
        .statusCode(401)
        .body("error", startsWith("Login invalid/expired."));
  }
}
