package org.copr.api.v3;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.copr.api.Api;

/**
 * Requests as Fedora's python-copr (and so copr-cli and Packit) sends them: HTTP Basic {@code
 * login:token} up front on authenticated calls, nothing on plain reads, its User-Agent.
 */
final class V3Clients {
  static final String PYTHON_COPR = "copr python-copr/2.6";
  static final String COPR_CLI = "copr copr-cli/2.5";

  private V3Clients() {}

  /** A new user with an API token, as ~/.config/copr holds them. */
  record Login(String username, String token) {
    RequestSpecification authenticated() {
      return given().header("User-Agent", PYTHON_COPR).auth().preemptive().basic(username, token);
    }
  }

  static Login newLogin(String prefix) {
    String user = Api.newUser(prefix);
    String token =
        Api.as(user)
            .contentType(ContentType.JSON)
            .body(Map.of("name", "copr-cli"))
            .post("/users/me/tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    return new Login(user, token);
  }

  static RequestSpecification plain() {
    return given().header("User-Agent", PYTHON_COPR);
  }
}
