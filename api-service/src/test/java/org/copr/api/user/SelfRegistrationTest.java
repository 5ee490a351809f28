package org.copr.api.user;

import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.copr.api.Api;
import org.copr.api.DbState;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SelfRegistrationTest.Open.class)
class SelfRegistrationTest {
  public static class Open implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("copr.api.users.self-registration", "true");
    }
  }

  @Inject DbState db;

  @Test
  void anyoneMayCreateAPlainAccountButNotAnAdmin() {
    String name = unique("newcomer");
    anonymous()
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", Api.password(name)))
        .post("/users")
        .then()
        .statusCode(201)
        .body("admin", equalTo(false));
    Api.as(name).get("/users/me").then().statusCode(200).body("username", equalTo(name));

    db.refuses(
        401,
        "unauthorized",
        () ->
            anonymous()
                .contentType(ContentType.JSON)
                .body(
                    Map.of("username", unique("boss"), "password", "long-enough-1", "admin", true))
                .post("/users"));
    db.refuses(
        403,
        "forbidden",
        () ->
            Api.as(name)
                .contentType(ContentType.JSON)
                .body(
                    Map.of("username", unique("boss"), "password", "long-enough-1", "admin", true))
                .post("/users"));
  }
}
