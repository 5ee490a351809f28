package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.ADMIN;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import org.copr.api.ApiConfig;
import org.copr.api.DbState;
import org.junit.jupiter.api.Test;

/** Throttled logins, password changes and disabled users, through the REST API. */
@QuarkusTest
class AccountsTest {
  @Inject DbState db;
  @Inject ApiConfig config;
  @Inject Clock clock;

  /**
   * The login check of another api-service replica: its own login cache and throttle in its own
   * memory, the same database. (A second process in this test would need a second Quarkus
   * application; what a replica shares with this one is only the users table.)
   */
  private Logins otherReplica() {
    return new Logins(new LoginThrottle(config, clock), config, clock);
  }

  private static boolean accepts(Logins replica, String username, String password) {
    try {
      QuarkusTransaction.requiringNew()
          .run(() -> replica.check(username, password.toCharArray(), "192.0.2.1"));
      return true;
    } catch (AuthenticationFailedException e) {
      return false;
    }
  }

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

  @Test
  void anotherReplicasCacheStopsAcceptingTheOldPasswordAndADisabledUserAtOnce() {
    String gina = newUser("gina");
    Logins replica = otherReplica();
    assertThat(accepts(replica, gina, password(gina))).isTrue();

    changePassword(gina, password(gina), "gina-second-password").then().statusCode(204);

    assertThat(accepts(replica, gina, password(gina))).isFalse();
    assertThat(accepts(replica, gina, "gina-second-password")).isTrue();
    setDisabled(ADMIN, gina, true).then().statusCode(200);
    assertThat(accepts(replica, gina, "gina-second-password")).isFalse();
    setDisabled(ADMIN, gina, false).then().statusCode(200);
    assertThat(accepts(replica, gina, "gina-second-password")).isTrue();
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
