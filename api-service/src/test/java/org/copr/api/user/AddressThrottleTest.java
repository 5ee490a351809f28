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
import org.junit.jupiter.api.Test;

/**
 * One client address guessing many usernames is stopped for all of them. Its own profile (and so
 * its own api-service) because every test here comes from 127.0.0.1.
 */
@QuarkusTest
@TestProfile(AddressThrottleTest.FewPerAddress.class)
class AddressThrottleTest {
  public static class FewPerAddress implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("copr.api.auth.throttle.failures-per-address", "4");
    }
  }

  @Test
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
}
