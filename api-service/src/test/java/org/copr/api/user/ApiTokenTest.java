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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.copr.api.ApiConfig;
import org.copr.api.DbState;
import org.junit.jupiter.api.Test;

/**
 * API tokens through the REST API: made with the password, used with HTTP Basic, listed without
 * their value, refused at once when revoked or expired, never able to make tokens or change the
 * password. Its own profile, so that its failed logins from 127.0.0.1 count against no other test.
 */
@QuarkusTest
@TestProfile(ApiTokenTest.OwnThrottle.class)
class ApiTokenTest {
  public static class OwnThrottle implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("copr.api.auth.throttle.failures-per-address", "1000");
    }
  }

  @Inject DbState db;
  @Inject ApiConfig config;
  @Inject Clock clock;

  private static Response newToken(String username, Map<String, ?> body) {
    return as(username).contentType(ContentType.JSON).body(body).post("/users/me/tokens");
  }

  private static JsonPath token(String username) {
    return newToken(username, Map.of("name", "ci of " + username))
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static Response me(String username, String secret) {
    return anonymous().auth().preemptive().basic(username, secret).get("/users/me");
  }

  private static Response createCopr(String username, String secret, String copr) {
    return anonymous()
        .auth()
        .preemptive()
        .basic(username, secret)
        .contentType(ContentType.JSON)
        .body(Map.of("name", copr, "releases", List.of("fedora-40")))
        .post("/coprs");
  }

  private static String sha256Hex(String value) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTokenIsShownOnceStoredAsAHashAndLogsInWithHttpBasic() throws Exception {
    String alice = newUser("alice");
    Instant before = Instant.now().minusSeconds(1);

    JsonPath made = token(alice);

    String value = made.getString("token");
    assertThat(value).matches("copr_[A-Za-z0-9_-]{59}");
    assertThat(made.getString("name")).isEqualTo("ci of " + alice);
    assertThat(made.getString("username")).isEqualTo(alice);
    Instant expires = Instant.parse(made.getString("expires_at"));
    assertThat(expires)
        .isBetween(
            before.plus(Duration.ofDays(180)),
            Instant.now().plus(Duration.ofDays(180)).plusSeconds(1));
    // only the SHA-256 of the value is in the database, nowhere the value itself
    long id = made.getLong("id");
    assertThat(
            db.count(
                "select count(*) from api_tokens where id = "
                    + id
                    + " and encode(token_hash, 'hex') = '"
                    + sha256Hex(value)
                    + "'"))
        .isEqualTo(1);
    assertThat(
            db.count(
                "select count(*) from api_tokens t where t::text like '%"
                    + value.substring(5 + 16)
                    + "%'"))
        .isZero();

    me(alice, value).then().statusCode(200).body("username", equalTo(alice));
    String copr = org.copr.api.Api.unique("tok");
    createCopr(alice, value, copr).then().statusCode(201).body("owner", equalTo(alice));

    // the token belongs to alice: with another username it is no login
    error(me(ADMIN, value), 401, "unauthorized");
    // a token-shaped value that is no token is a wrong password
    error(me(alice, "copr_" + "A".repeat(59)), 401, "unauthorized");
  }

  @Test
  void tokensAreListedWithoutTheirValue() {
    String bob = newUser("bob");
    String first = token(bob).getString("token");
    long second =
        newToken(bob, Map.of("expires_in_days", 7))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    me(bob, first).then().statusCode(200);

    Response list = as(bob).get("/users/me/tokens");

    list.then().statusCode(200).body("total", equalTo(2)).body("items.size()", equalTo(2));
    assertThat(list.asString()).doesNotContain(first).doesNotContain("\"token\"");
    JsonPath items = list.jsonPath();
    assertThat(items.getString("items[0].name")).isEqualTo("ci of " + bob);
    assertThat(items.getString("items[0].last_used_at")).isNotNull();
    assertThat(items.getLong("items[1].id")).isEqualTo(second);
    assertThat(items.getString("items[1].name")).isNull();
    assertThat(items.getString("items[1].last_used_at")).isNull();
    assertThat(Instant.parse(items.getString("items[1].expires_at")))
        .isBetween(
            Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
            Instant.now().plus(Duration.ofDays(7)));
    // someone else's list does not show them
    String carol = newUser("carol");
    as(carol).get("/users/me/tokens").then().statusCode(200).body("total", equalTo(0));
  }

  @Test
  void aRevokedTokenIsRefusedAtOnceHereAndOnAnotherReplica() {
    String dave = newUser("dave");
    JsonPath made = token(dave);
    String value = made.getString("token");
    long id = made.getLong("id");
    Logins replica = new Logins(new LoginThrottle(config, clock), config, clock);
    me(dave, value).then().statusCode(200);
    assertThat(acceptsBasic(replica, dave, value)).isTrue();

    // only its owner may revoke it
    String erin = newUser("erin");
    db.refuses(404, "not_found", () -> as(erin).delete("/users/me/tokens/{id}", id));
    me(dave, value).then().statusCode(200);

    as(dave).delete("/users/me/tokens/{id}", id).then().statusCode(204);

    error(me(dave, value), 401, "unauthorized");
    assertThat(acceptsBasic(replica, dave, value)).isFalse();
    error(as(dave).delete("/users/me/tokens/{id}", id), 404, "not_found");
    as(dave).get("/users/me/tokens").then().statusCode(200).body("total", equalTo(0));
  }

  @Test
  void anExpiredTokenIsRefused() {
    String frank = newUser("frank");
    JsonPath made = token(frank);
    String value = made.getString("token");
    me(frank, value).then().statusCode(200);

    QuarkusTransaction.requiringNew()
        .run(
            () ->
                ApiToken.update(
                    "expiresAt = ?1 where id = ?2",
                    Instant.now().minusSeconds(1),
                    made.getLong("id")));

    error(me(frank, value), 401, "unauthorized");
    // listed until revoked, with its end in the past
    assertThat(
            Instant.parse(
                as(frank).get("/users/me/tokens").jsonPath().getString("items[0].expires_at")))
        .isBefore(Instant.now());
  }

  @Test
  void aTokenCannotMakeATokenNorChangeThePassword() {
    String gina = newUser("gina");
    String value = token(gina).getString("token");

    Response another =
        anonymous()
            .auth()
            .preemptive()
            .basic(gina, value)
            .contentType(ContentType.JSON)
            .body(Map.of("name", "from a token"))
            .post("/users/me/tokens");
    error(another, 403, "forbidden");
    Response change =
        anonymous()
            .auth()
            .preemptive()
            .basic(gina, value)
            .contentType(ContentType.JSON)
            .body(Map.of("current_password", password(gina), "new_password", "new-password-1"))
            .put("/users/me/password");
    error(change, 403, "forbidden");
    // nor does the token pass for the current password
    Response tokenAsCurrent =
        as(gina)
            .contentType(ContentType.JSON)
            .body(Map.of("current_password", value, "new_password", "new-password-2"))
            .put("/users/me/password");
    error(tokenAsCurrent, 403, "forbidden");

    as(gina).get("/users/me/tokens").then().body("total", equalTo(1));
    me(gina, password(gina)).then().statusCode(200);
    // what a token may do: list and revoke (itself too)
    anonymous()
        .auth()
        .preemptive()
        .basic(gina, value)
        .get("/users/me/tokens")
        .then()
        .statusCode(200)
        .body("total", equalTo(1));
  }

  @Test
  void aDisabledUsersTokensAreRefusedUntilReEnabled() {
    String hal = newUser("hal");
    String value = token(hal).getString("token");
    me(hal, value).then().statusCode(200);

    setDisabled(hal, true);
    error(me(hal, value), 401, "unauthorized");
    setDisabled(hal, false);
    me(hal, value).then().statusCode(200);
  }

  @Test
  void wrongTokensCountAsFailedLoginsButDoNotStopTheUsersLiveToken() {
    String ivy = newUser("ivy");
    String value = token(ivy).getString("token");
    char[] wrong = value.toCharArray();
    wrong[wrong.length - 1] = wrong[wrong.length - 1] == 'A' ? 'B' : 'A';

    // copr.api.auth.throttle.failures-per-user is 5
    for (int i = 0; i < 5; i++) {
      error(me(ivy, new String(wrong)), 401, "unauthorized");
    }
    Response throttled = me(ivy, password(ivy));

    error(throttled, 429, "too_many_requests");
    assertThat(throttled.header("Retry-After")).isNotNull();
    // Anyone may send wrong passwords for a username; the user's scripts go on with their token.
    me(ivy, value).then().statusCode(200);
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() {
    String jan = newUser("jan");

    db.refuses(
        401,
        "unauthorized",
        () -> anonymous().contentType(ContentType.JSON).body("{}").post("/users/me/tokens"));
    db.refuses(401, "unauthorized", () -> anonymous().get("/users/me/tokens"));
    db.refuses(422, "invalid", () -> newToken(jan, Map.of("expires_in_days", 0)));
    db.refuses(422, "invalid", () -> newToken(jan, Map.of("expires_in_days", 366)));
    db.refuses(422, "invalid", () -> newToken(jan, Map.of("name", "n".repeat(101))));
    db.refuses(
        422,
        "invalid",
        () -> newToken(jan, Map.of("expires_at", Instant.now().minusSeconds(60).toString())));
    db.refuses(
        422,
        "invalid",
        () ->
            newToken(
                jan, Map.of("expires_at", Instant.now().plus(Duration.ofDays(400)).toString())));
    db.refuses(
        422,
        "invalid",
        () ->
            newToken(
                jan,
                Map.of(
                    "expires_in_days",
                    3,
                    "expires_at",
                    Instant.now().plus(Duration.ofDays(3)).toString())));
    db.refuses(
        400,
        "bad_request",
        () -> as(jan).contentType(ContentType.JSON).body("{\"name\": ").post("/users/me/tokens"));
    db.refuses(400, "bad_request", () -> newToken(jan, Map.of("expires_in_days", "soon")));

    // an empty body takes every default
    Response defaults = as(jan).contentType(ContentType.JSON).body("{}").post("/users/me/tokens");
    defaults.then().statusCode(201);
    assertThat(defaults.jsonPath().getString("name")).isNull();
  }

  @Test
  void aUserHasAtMostAHundredUnexpiredTokens() {
    String kim = newUser("kim");
    long first = token(kim).getLong("id");
    for (int i = 1; i < 100; i++) {
      newToken(kim, Map.of()).then().statusCode(201);
    }

    db.refuses(422, "invalid", () -> newToken(kim, Map.of()));

    // an expired token no longer counts: making a new one drops it
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                ApiToken.update(
                    "expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), first));
    newToken(kim, Map.of()).then().statusCode(201);
    JsonPath list = as(kim).get("/users/me/tokens?limit=500").jsonPath();
    assertThat(list.getLong("total")).isEqualTo(100);
    assertThat(list.getList("items.id", Long.class)).doesNotContain(first);
  }

  @Test
  void theRoutesAreInTheOpenApiDocument() {
    anonymous()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths.'/users/me/tokens'.post", org.hamcrest.Matchers.notNullValue())
        .body("paths.'/users/me/tokens'.get", org.hamcrest.Matchers.notNullValue())
        .body("paths.'/users/me/tokens/{id}'.delete", org.hamcrest.Matchers.notNullValue());
  }

  private static void setDisabled(String username, boolean disabled) {
    as(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("disabled", disabled))
        .put("/users/{u}", username)
        .then()
        .statusCode(200);
  }

  private static boolean acceptsBasic(Logins replica, String username, String secret) {
    try {
      QuarkusTransaction.requiringNew()
          .run(() -> replica.checkBasic(username, secret.toCharArray(), "192.0.2.1"));
      return true;
    } catch (AuthenticationFailedException e) {
      return false;
    }
  }
}
