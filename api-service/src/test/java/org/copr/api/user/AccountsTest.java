package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.ADMIN;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.copr.api.DbState;
import org.junit.jupiter.api.Test;

/** Throttled logins, password changes and disabled users, through the REST API. */
@QuarkusTest
class AccountsTest {
  @Inject DbState db;

  private static Response basic(String username, String password) {
    return anonymous().auth().preemptive().basic(username, password).get("/users/me");
  }

  private static Response changePassword(String username, String current, String next) {
    return anonymous()
        .auth()
        .preemptive()
        .basic(username, current)
        .contentType(ContentType.JSON)
        .body(Map.of("current_password", current, "new_password", next))
        .put("/users/me/password");
  }

  private static Response setDisabled(String as, String username, boolean disabled) {
    return as(as)
        .contentType(ContentType.JSON)
        .body(Map.of("disabled", disabled))
        .put("/users/{u}", username);
  }

  @Test
  void wrongPasswordsAreThrottledPerUserEvenForTheRightPassword() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    as(alice).get("/users/me").then().statusCode(200);

    // copr.api.auth.throttle.failures-per-user is 5 by default
    for (int i = 0; i < 5; i++) {
      error(basic(alice, "guess-" + i), 401, "unauthorized");
    }
    Response throttled = basic(alice, password(alice));

    error(throttled, 429, "too_many_requests");
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 600L);
    // a guess while throttled is not even tried, and the right password waits the same
    error(basic(alice, "guess-6"), 429, "too_many_requests");
    // another user from the same address is not concerned
    as(bob).get("/users/me").then().statusCode(200);
  }

  @Test
  void anOldPasswordIsRefusedAtOnceAfterAChange() {
    String carol = newUser("carol");
    String next = "a-brand-new-password";
    // bcrypt accepted the old password: it is in the login cache now
    as(carol).get("/users/me").then().statusCode(200);

    db.refuses(403, "forbidden", () -> changePasswordWithWrongCurrent(carol, next));
    db.refuses(422, "invalid", () -> changePassword(carol, password(carol), "short"));
    db.refuses(
        400,
        "bad_request",
        () ->
            as(carol)
                .contentType(ContentType.JSON)
                .body(Map.of("new_password", next))
                .put("/users/me/password"));
    changePassword(carol, password(carol), next).then().statusCode(204);

    error(basic(carol, password(carol)), 401, "unauthorized");
    basic(carol, next).then().statusCode(200).body("username", equalTo(carol));
  }

  private static Response changePasswordWithWrongCurrent(String username, String next) {
    return as(username)
        .contentType(ContentType.JSON)
        .body(Map.of("current_password", "not-the-password", "new_password", next))
        .put("/users/me/password");
  }

  @Test
  void aDisabledUserIsRefusedAtOnceAndAcceptedAgainWhenReEnabled() {
    String dave = newUser("dave");
    as(dave).get("/users/me").then().statusCode(200).body("disabled", equalTo(false));

    setDisabled(ADMIN, dave, true)
        .then()
        .statusCode(200)
        .body("username", equalTo(dave))
        .body("disabled", equalTo(true));
    error(as(dave).get("/users/me"), 401, "unauthorized");
    error(
        as(dave)
            .contentType(ContentType.JSON)
            .body(Map.of("name", "x-" + dave, "releases", java.util.List.of("fedora-40")))
            .post("/coprs"),
        401,
        "unauthorized");

    setDisabled(ADMIN, dave, false).then().statusCode(200).body("disabled", equalTo(false));
    as(dave).get("/users/me").then().statusCode(200);
  }

  @Test
  void onlySiteAdminsDisableUsersAndNotThemselves() {
    String erin = newUser("erin");
    String frank = newUser("frank");

    db.refuses(403, "forbidden", () -> setDisabled(erin, frank, true));
    db.refuses(403, "forbidden", () -> setDisabled(erin, erin, true));
    db.refuses(422, "invalid", () -> setDisabled(ADMIN, ADMIN, true));
    db.refuses(404, "not_found", () -> setDisabled(ADMIN, "nobody-" + erin, true));
    db.refuses(
        400,
        "bad_request",
        () -> as(ADMIN).contentType(ContentType.JSON).body("{\"disabled\": ").put("/users/x"));
    as(frank).get("/users/me").then().statusCode(200);
  }
}
