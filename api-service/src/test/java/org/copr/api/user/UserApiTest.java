package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.ADMIN;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.copr.api.Api;
import org.copr.api.DbState;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserApiTest {
  @Inject DbState db;

  @Test
  void theBootstrapAdminExistsWithAHashedPassword() {
    as(ADMIN)
        .get("/users/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(ADMIN))
        .body("admin", equalTo(true));
    assertThat(
            db.count(
                "select count(*) from users where username = 'admin' and password_hash like '$2a$%'"))
        .isEqualTo(1);
  }

  @Test
  void anAdminCreatesUsersWhoCanLogIn() {
    String name = unique("alice");
    as(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", Api.password(name)))
        .post("/users")
        .then()
        .statusCode(201)
        .body("username", equalTo(name))
        .body("admin", equalTo(false))
        .body("created_at", notNullValue());

    as(name)
        .get("/users/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(name))
        .body("admin", equalTo(false));
    assertThat(
            db.count(
                "select count(*) from users where username = '"
                    + name
                    + "' and password_hash = '"
                    + Api.password(name)
                    + "'"))
        .isZero();
  }

  @Test
  void anAdminMayCreateAnotherAdmin() {
    String name = unique("root");
    as(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", Api.password(name), "admin", true))
        .post("/users")
        .then()
        .statusCode(201)
        .body("admin", equalTo(true));
    as(name).get("/users/me").then().body("admin", equalTo(true));
  }

  @Test
  void whoAmIRefusesMissingOrWrongCredentials() {
    String name = newUser("bob");
    // A recent success with the right password must not let a wrong one in.
    as(name).get("/users/me").then().statusCode(200);
    error(anonymous().get("/users/me"), 401, "unauthorized")
        .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic"));
    error(
        anonymous().auth().preemptive().basic(name, "wrong-password").get("/users/me"),
        401,
        "unauthorized");
    error(
        anonymous().auth().preemptive().basic("nobody-at-all", "whatever1").get("/users/me"),
        401,
        "unauthorized");
  }

  @Test
  void onlyAdminsCreateUsersWhileSelfRegistrationIsOff() {
    String plain = newUser("carol");
    Map<String, Object> body = Map.of("username", unique("mallory"), "password", "long-enough-1");

    db.refuses(
        401,
        "unauthorized",
        () -> anonymous().contentType(ContentType.JSON).body(body).post("/users"));
    db.refuses(
        403, "forbidden", () -> as(plain).contentType(ContentType.JSON).body(body).post("/users"));
    db.refuses(
        403,
        "forbidden",
        () ->
            as(plain)
                .contentType(ContentType.JSON)
                .body(Map.of("username", unique("x"), "password", "long-enough-1", "admin", true))
                .post("/users"));
  }

  @Test
  void refusesDuplicateNamesBadNamesShortPasswordsAndBadJson() {
    String existing = newUser("dave");
    db.refuses(
        409,
        "conflict",
        () ->
            as(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("username", existing, "password", "another-pass-1"))
                .post("/users"));
    for (String bad : new String[] {"../etc", "a b", "-dash", "", "x".repeat(65), "ümlaut"}) {
      db.refuses(
          422,
          "invalid",
          () ->
              as(ADMIN)
                  .contentType(ContentType.JSON)
                  .body(Map.of("username", bad, "password", "long-enough-1"))
                  .post("/users"));
    }
    db.refuses(
        422,
        "invalid",
        () ->
            as(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("username", unique("erin"), "password", "short"))
                .post("/users"));
    db.refuses(
        400,
        "bad_request",
        () -> as(ADMIN).contentType(ContentType.JSON).body("{\"username\": ").post("/users"));
    db.refuses(
        400,
        "bad_request",
        () -> as(ADMIN).contentType(ContentType.JSON).body("[1, 2]").post("/users"));
    db.refuses(
        415,
        "unsupported_media_type",
        () -> as(ADMIN).contentType(ContentType.TEXT).body("username=x").post("/users"));
  }
}
