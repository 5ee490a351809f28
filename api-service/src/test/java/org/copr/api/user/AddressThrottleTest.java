package org.copr.api.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One client address guessing many usernames is stopped for all of them. Its own profile (and so
 * its own api-service) because every test here comes from 127.0.0.1, which this profile trusts as a
 * reverse proxy the way the prod overlay trusts its Ingress.
 */
@QuarkusTest
@TestProfile(AddressThrottleTest.FewPerAddress.class)
// 127.0.0.1 is throttled for good by the first test below, the admin's set-up calls included.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddressThrottleTest {
  public static class FewPerAddress implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "copr.api.auth.throttle.failures-per-address", "4",
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true",
          "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
  }

  @Test
  @Order(2)
  void manyNamesFromOneAddressAreThrottledAsOne() {
    String victim = newUser("victim");
    for (int i = 0; i < 4; i++) {
      error(
          anonymous().auth().preemptive().basic(unique("guess"), "password-1").get("/users/me"),
          401,
          "unauthorized");
    }

    Response r = as(victim).get("/users/me");

    error(r, 429, "too_many_requests");
    assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 600L);
    // reads without credentials stay open
    anonymous().get("/coprs").then().statusCode(200);
  }

  @Test
  @Order(0)
  void wrongPasswordsForANameSlowDownTheGuessersAddressNotTheUser() {
    String victim = newUser("victim");
    for (int i = 0; i < 3; i++) {
      error(
          anonymous()
              .header("X-Forwarded-For", "203.0.113.8")
              .auth()
              .preemptive()
              .basic(victim, "guess-" + i)
              .get("/users/me"),
          401,
          "unauthorized");
    }
    // copr.api.auth.throttle.failures-per-user is 5: two more from there and that pair must wait
    for (int i = 3; i < 5; i++) {
      anonymous()
          .header("X-Forwarded-For", "203.0.113.8")
          .auth()
          .preemptive()
          .basic(victim, "guess-" + i)
          .get("/users/me");
    }

    error(
        as(victim).header("X-Forwarded-For", "203.0.113.8").get("/users/me"),
        429,
        "too_many_requests");
    as(victim).header("X-Forwarded-For", "198.51.100.10").get("/users/me").then().statusCode(200);
  }

  @Test
  @Order(1)
  void behindATrustedProxyEachClientAddressIsThrottledOnItsOwn() {
    String victim = newUser("victim");
    for (int i = 0; i < 4; i++) {
      error(
          anonymous()
              .header("X-Forwarded-For", "203.0.113.7")
              .auth()
              .preemptive()
              .basic(unique("guess"), "password-1")
              .get("/users/me"),
          401,
          "unauthorized");
    }

    error(
        as(victim).header("X-Forwarded-For", "203.0.113.7").get("/users/me"),
        429,
        "too_many_requests");
    as(victim).header("X-Forwarded-For", "198.51.100.9").get("/users/me").then().statusCode(200);
  }
}
